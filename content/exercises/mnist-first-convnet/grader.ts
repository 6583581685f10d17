import { defineGrader } from '../../../graders/types.ts';
import { expectAccuracy, expectLayers, expectParams } from '../../../graders/checks.ts';

/**
 * Document 000, 5.1: the summary it prints (93,322 parameters, the five spatial sizes) and an
 * accuracy the reference solution reaches within the exercise's budget (5,000 images, 3 epochs;
 * with Adam it measured 93.4–96.0% on the 10,000 test images in seven runs; with rmsprop,
 * 68–96%). The document shows no compile or fit for this model, so optimizer and budget are the
 * course's.
 */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320, config: { kernelSize: 3, activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 13, 13, 32] },
      { className: 'Conv2D', outputShape: [null, 11, 11, 64], params: 18_496 },
      { className: 'MaxPooling2D', outputShape: [null, 5, 5, 64] },
      { className: 'Conv2D', outputShape: [null, 3, 3, 64], params: 36_928 },
      { className: 'Flatten', outputShape: [null, 576] },
      { className: 'Dense', outputShape: [null, 64], params: 36_928, config: { activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 10], params: 650, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 93_322, trainable: 93_322, nonTrainable: 0 }),
    expectAccuracy({ dataset: 'mnist', samples: 10_000, min: 0.9, quick: { samples: 1_000, min: 0.9 } }),
  ],
});

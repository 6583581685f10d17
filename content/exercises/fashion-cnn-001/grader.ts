import { defineGrader } from '../../../graders/types.ts';
import { expectAccuracy, expectLayers, expectParams } from '../../../graders/checks.ts';

/**
 * Document 001: the summary of its first Fashion-MNIST CNN (241,546 parameters; 88.7% test
 * accuracy after 25 epochs on 45,000 images) and an accuracy the reference reaches on the
 * exercise's budget (4,500 training images, 5 epochs: 80.5–82.4% in three Node runs).
 */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320, config: { kernelSize: 3 } },
      { className: 'MaxPooling2D', outputShape: [null, 13, 13, 32], config: { strides: 2 } },
      { className: 'Conv2D', outputShape: [null, 11, 11, 64], params: 18_496 },
      { className: 'MaxPooling2D', outputShape: [null, 5, 5, 64] },
      { className: 'Conv2D', outputShape: [null, 3, 3, 128], params: 73_856 },
      { className: 'Flatten', outputShape: [null, 1152] },
      { className: 'Dense', outputShape: [null, 128], params: 147_584, config: { activation: 'relu' } },
      { className: 'Dropout', outputShape: [null, 128], config: { rate: 0.3 } },
      { className: 'Dense', outputShape: [null, 10], params: 1_290, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 241_546, trainable: 241_546, nonTrainable: 0 }),
    expectAccuracy({ dataset: 'fashion-mnist', samples: 10_000, min: 0.76, quick: { samples: 1_000, min: 0.75 } }),
  ],
});

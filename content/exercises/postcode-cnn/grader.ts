import { defineGrader } from '../../../graders/types.ts';
import { expectAccuracy, expectLayers, expectParams } from '../../../graders/checks.ts';

/**
 * Document 002, 8.5 (listing 8-3): the CNN of the postcode recognizer v.2, 594,922 parameters
 * (320 + 9,248 + 18,496 + 36,928 + 524,800 + 5,130), and a test accuracy the reference solution
 * reaches within the exercise's budget. The document trains 100 epochs on 60,000 images and prints
 * 99.58%; here the budget is 6,000 images and 2 epochs (batch 128, 94 steps), where the reference
 * solution measured 95.5, 94.7, 95.3 and 96.0% on the 10,000 test images (four runs, Node, wasm), so 92% leaves
 * room for a run's luck and for the 1,000-image sample CI uses.
 */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320, config: { kernelSize: 3, padding: 'valid', activation: 'relu' } },
      { className: 'Conv2D', outputShape: [null, 24, 24, 32], params: 9_248, config: { kernelSize: 3, padding: 'valid', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 12, 12, 32] },
      { className: 'Dropout', outputShape: [null, 12, 12, 32], config: { rate: 0.25 } },
      { className: 'Conv2D', outputShape: [null, 10, 10, 64], params: 18_496, config: { kernelSize: 3, padding: 'valid', activation: 'relu' } },
      { className: 'Conv2D', outputShape: [null, 8, 8, 64], params: 36_928, config: { kernelSize: 3, padding: 'valid', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 4, 4, 64] },
      { className: 'Dropout', outputShape: [null, 4, 4, 64], config: { rate: 0.25 } },
      { className: 'Flatten', outputShape: [null, 1024] },
      { className: 'Dense', outputShape: [null, 512], params: 524_800, config: { activation: 'relu' } },
      { className: 'Dropout', outputShape: [null, 512], config: { rate: 0.5 } },
      { className: 'Dense', outputShape: [null, 10], params: 5_130, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 594_922, trainable: 594_922, nonTrainable: 0 }),
    expectAccuracy({ dataset: 'mnist', samples: 10_000, min: 0.92, quick: { samples: 1_000, min: 0.92 } }),
  ],
});

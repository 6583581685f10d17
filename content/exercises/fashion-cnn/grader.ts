import { defineGrader } from '../../../graders/types.ts';
import { expectAccuracy, expectLayers, expectParams } from '../../../graders/checks.ts';

/**
 * Document 003, 8-2: the summary of its Fashion-MNIST CNN (333,526 parameters: 320 + 18,496 +
 * 313,700 + 1,010) and a test accuracy the reference reaches within the exercise's budget
 * (4,800 training and 1,200 validation images from the first train shard, at most 5 epochs, early
 * stopping). The document prints no test accuracy for its full training (48,000 images, up to 20
 * epochs); the course's run of that recipe is bench/results/reproduction/cnn-003.json.
 */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 28, 28, 32], params: 320, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 14, 14, 32] },
      { className: 'Conv2D', outputShape: [null, 14, 14, 64], params: 18_496, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 7, 7, 64] },
      { className: 'Flatten', outputShape: [null, 3136] },
      { className: 'Dense', outputShape: [null, 100], params: 313_700, config: { activation: 'relu' } },
      { className: 'Dropout', outputShape: [null, 100], config: { rate: 0.4 } },
      { className: 'Dense', outputShape: [null, 10], params: 1_010, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 333_526, trainable: 333_526, nonTrainable: 0 }),
    expectAccuracy({ dataset: 'fashion-mnist', samples: 10_000, min: 0.8, quick: { samples: 1_000, min: 0.78 } }),
  ],
});

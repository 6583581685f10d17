import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams } from '../../../graders/checks.ts';

/** Document 001: the summary of its VGG-style Fashion-MNIST CNN (5,240,842 parameters, about 92% test accuracy after 25 epochs). */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 28, 28, 32], params: 320, config: { padding: 'same', activation: 'relu' } },
      { className: 'Conv2D', outputShape: [null, 28, 28, 64], params: 18_496, config: { padding: 'same' } },
      { className: 'MaxPooling2D', outputShape: [null, 14, 14, 64] },
      { className: 'Dropout', outputShape: [null, 14, 14, 64], config: { rate: 0.5 } },
      { className: 'Conv2D', outputShape: [null, 14, 14, 128], params: 73_856, config: { padding: 'same' } },
      { className: 'Conv2D', outputShape: [null, 12, 12, 256], params: 295_168, config: { padding: 'valid' } },
      { className: 'MaxPooling2D', outputShape: [null, 6, 6, 256] },
      { className: 'Dropout', outputShape: [null, 6, 6, 256], config: { rate: 0.5 } },
      { className: 'Flatten', outputShape: [null, 9216] },
      { className: 'Dense', outputShape: [null, 512], params: 4_719_104, config: { activation: 'relu' } },
      { className: 'Dropout', outputShape: [null, 512], config: { rate: 0.5 } },
      { className: 'Dense', outputShape: [null, 256], params: 131_328, config: { activation: 'relu' } },
      { className: 'Dropout', outputShape: [null, 256], config: { rate: 0.5 } },
      { className: 'Dense', outputShape: [null, 10], params: 2_570, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 5_240_842, trainable: 5_240_842, nonTrainable: 0 }),
  ],
});

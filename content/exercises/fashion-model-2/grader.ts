import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams } from '../../../graders/checks.ts';

/**
 * Document 004, Fashion-MNIST model 2 (its summary: 228,554 parameters, all trainable): two 2×2
 * poolings shrink the maps to 7×7, so the first Dense layer has 1,568 × 128 + 128 = 200,832
 * parameters instead of model 1's 3,211,392. The document trains it 40 epochs (batch 512,
 * validation_split 0.3) to 91.52% test accuracy; this exercise checks only the structure.
 */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 28, 28, 32], params: 320, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 14, 14, 32], config: { poolSize: 2, strides: 2 } },
      { className: 'Conv2D', outputShape: [null, 14, 14, 32], params: 9_248, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 7, 7, 32], config: { poolSize: 2, strides: 2 } },
      { className: 'Dropout', outputShape: [null, 7, 7, 32], config: { rate: 0.4 } },
      { className: 'Conv2D', outputShape: [null, 7, 7, 32], params: 9_248, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'Dropout', outputShape: [null, 7, 7, 32], config: { rate: 0.4 } },
      { className: 'Flatten', outputShape: [null, 1_568] },
      { className: 'Dense', outputShape: [null, 128], params: 200_832, config: { activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 64], params: 8_256, config: { activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 10], params: 650, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 228_554, trainable: 228_554, nonTrainable: 0 }),
  ],
});

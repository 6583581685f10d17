import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams } from '../../../graders/checks.ts';

/**
 * Document 004, Fashion-MNIST model 1 (its summary: 3,239,114 parameters, all trainable). Three
 * 'same' convolutions keep 28×28, so the flattened vector has 25,088 values and the first Dense
 * layer holds 3,211,392 of the parameters. The document trains it 20 epochs (batch 512,
 * validation_split 0.3) to 90.63% test accuracy; this exercise checks only the structure.
 */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 28, 28, 32], params: 320, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'Conv2D', outputShape: [null, 28, 28, 32], params: 9_248, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'Conv2D', outputShape: [null, 28, 28, 32], params: 9_248, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'Flatten', outputShape: [null, 25_088] },
      { className: 'Dense', outputShape: [null, 128], params: 3_211_392, config: { activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 64], params: 8_256, config: { activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 10], params: 650, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 3_239_114, trainable: 3_239_114, nonTrainable: 0 }),
  ],
});

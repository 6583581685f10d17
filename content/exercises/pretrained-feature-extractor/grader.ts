import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams, expectTrainableWeights } from '../../../graders/checks.ts';

/**
 * Document 000 5.3's model (VGG16 base + Dense 256 + Dense 1 sigmoid; 30 trainable tensors → 4 once
 * the base is frozen) on the course's backbone: 293,232 frozen parameters in the base, 20 → 4 tensors.
 */
export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Model', outputShape: [null, 2, 2, 128], params: 293_232 },
      { className: 'Flatten', outputShape: [null, 512] },
      { className: 'Dense', outputShape: [null, 256], params: 131_328, config: { activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 1], params: 257, config: { activation: 'sigmoid' } },
    ]),
    expectParams({ total: 424_817, trainable: 131_585, nonTrainable: 293_232 }),
    expectTrainableWeights(4),
  ],
});

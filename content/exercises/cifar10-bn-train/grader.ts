import { defineGrader } from '../../../graders/types.ts';
import { expectAccuracy, expectLayers, expectParams } from '../../../graders/checks.ts';
import { CIFAR10_BN_LAYERS, CIFAR10_BN_PARAMS } from '../cifar10-bn-cnn/grader.ts';

/**
 * Document 004, CNN 모델 학습 › CIFAR-10: the batch-norm model trained with Adam 1e-4 and sparse
 * cross-entropy. The document trains 30 epochs on 40,000 standardized images with batch 256 and
 * reaches 66.9% validation accuracy; here 4,000 images × 5 epochs with batch 32 (625 update
 * steps from less data), on the images as the course's loader gives them, in [0, 1]: the grader
 * evaluates the test images the same way, so a model trained on standardized inputs would be
 * fed inputs of another scale (standardization is practised in cifar10-standardize).
 *
 * The threshold is NOT calibrated: CIFAR-10 is opt-in (docs/data.md) and was not on the machine
 * this exercise was written on, so the reference was never trained on it. 30% is set low on
 * purpose, three times chance (10%); the document's own run was at 43.5% validation after 4
 * epochs (628 steps of batch 256 on 40,000 images; here 625 steps of batch 32 on 4,000).
 * Measure it once CIFAR-10 is imported (EXERCISE=cifar10-bn-train npm run check:exercises --
 * --full) and raise it to what the reference reliably reaches. Without CIFAR-10 the accuracy is
 * reported as unavailable, never as passed; the structure checks still run.
 *
 * Speed: on the 2-core machine this was written on, busy with other jobs, the model trained at
 * about 24 images per second on WASM (measured on random 32×32×3 data); the budget is 20,000
 * image-epochs plus validation, so expect several minutes, under the 600 s limit only when the
 * machine is not that busy. Measure it with the data.
 *
 * Batch normalization on the WASM backend (TF.js 4.22), checked when this was written: three epochs
 * of this model on 256 random images trained (loss 3.18 → 2.49 at Adam 1e-3), the moving means
 * moved away from 0 and the softmax rows sum to 1.
 */
export default defineGrader({
  checks: [
    expectLayers(CIFAR10_BN_LAYERS),
    expectParams(CIFAR10_BN_PARAMS),
    expectAccuracy({ dataset: 'cifar10', samples: 10_000, min: 0.3, quick: { samples: 1_000, min: 0.3 } }),
  ],
});

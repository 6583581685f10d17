import { defineGrader } from '../../../graders/types.ts';
import { expectAccuracy, expectLayers, expectParams } from '../../../graders/checks.ts';
import { CIFAR10_LAYERS, CIFAR10_PARAMS } from '../cifar10-cnn/grader.ts';

/**
 * Document 002, 8.4 (listing 8-2): the CIFAR-10 CNN trained with one-hot labels, categorical
 * cross-entropy, Adam 0.001 and batch 128 (the listing lacks its compile line; listings 8-1 and 8-3
 * use these). The document trains 100 epochs on 50,000 images; here 10,000 images × 4 epochs.
 *
 * The threshold is NOT calibrated: CIFAR-10 is opt-in (docs/data.md) and was not on the machines
 * this exercise was written on, so the reference was never trained on it. 40% is set low on
 * purpose, four times chance (10%): well below what this model usually reaches after a few hundred
 * Adam steps, well above what a model that learned nothing (or one class) gets. Measure it once
 * CIFAR-10 is imported (`npm run check:exercises -- --full` with EXERCISE=cifar10-cnn-train) and
 * raise it to what the reference reliably reaches. Without CIFAR-10 the accuracy is reported as
 * unavailable, never as passed; the structure checks still run.
 *
 * 10,000 test images of 32×32×3 take longer to predict than MNIST's, hence the 180 s grading limit.
 */
export default defineGrader({
  checks: [
    expectLayers(CIFAR10_LAYERS),
    expectParams(CIFAR10_PARAMS),
    expectAccuracy({ dataset: 'cifar10', samples: 10_000, min: 0.4, quick: { samples: 1_000, min: 0.4 } }),
  ],
});

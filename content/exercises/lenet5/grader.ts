import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams, type ExpectedLayer } from '../../../graders/checks.ts';

/**
 * Document 002, 8.4 (listing 8-1): LeNet-5 on 28×28×1 MNIST, 61,706 parameters
 * (156 + 2,416 + 48,120 + 10,164 + 850); from C3 on, the dimensions 8.2 lists for LeNet-5.
 * The training exercise (`lenet5-train`) checks the same structure.
 */
export const LENET5_LAYERS: ExpectedLayer[] = [
  { className: 'Conv2D', outputShape: [null, 28, 28, 6], params: 156, config: { kernelSize: 5, padding: 'same', activation: 'relu' } },
  { className: 'MaxPooling2D', outputShape: [null, 14, 14, 6] },
  { className: 'Conv2D', outputShape: [null, 10, 10, 16], params: 2_416, config: { kernelSize: 5, padding: 'valid', activation: 'relu' } },
  { className: 'MaxPooling2D', outputShape: [null, 5, 5, 16] },
  { className: 'Conv2D', outputShape: [null, 1, 1, 120], params: 48_120, config: { kernelSize: 5, padding: 'valid', activation: 'relu' } },
  { className: 'Flatten', outputShape: [null, 120] },
  { className: 'Dense', outputShape: [null, 84], params: 10_164, config: { activation: 'relu' } },
  { className: 'Dense', outputShape: [null, 10], params: 850, config: { activation: 'softmax' } },
];

export default defineGrader({
  checks: [expectLayers(LENET5_LAYERS), expectParams({ total: 61_706, trainable: 61_706, nonTrainable: 0 })],
});

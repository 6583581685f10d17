import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams, type ExpectedLayer } from '../../../graders/checks.ts';

/**
 * Document 004, CNN 모델 학습 › MNIST (LeNet): the subclassed `LeNet5` — conv6(5×5, same) → pool →
 * conv16(5×5, same) → the same pool object again → flatten → dense120 → dense84 → dense10,
 * 107,786 parameters (156 + 2,416 + 94,200 + 10,164 + 850). Not the classic LeNet-5: no conv120.
 *
 * TF.js has no subclassed models, so the learner builds the functional equivalent (tf.model with
 * tf.input and .apply). Its `layers` start with the InputLayer, and the shared pooling layer is
 * listed once, where it is first called; its row has one output shape per call, (None, 14, 14, 6)
 * then (None, 7, 7, 16) (src/runtime/model-summary.ts reads them from the layer's inbound nodes,
 * since TF.js's `layer.outputShape` throws for such a layer). Two separate pooling layers give
 * the same parameter count but nine layers, which `layers.sequence` reports.
 * The training exercise (lenet5-early-stopping) checks the same structure.
 */
export const LENET5_004_LAYERS: ExpectedLayer[] = [
  { className: 'InputLayer', outputShape: [null, 28, 28, 1] },
  { className: 'Conv2D', outputShape: [null, 28, 28, 6], params: 156, config: { filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' } },
  {
    className: 'MaxPooling2D',
    outputShape: [
      [null, 14, 14, 6],
      [null, 7, 7, 16],
    ],
    config: { poolSize: 2 },
  },
  { className: 'Conv2D', outputShape: [null, 14, 14, 16], params: 2_416, config: { filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' } },
  { className: 'Flatten', outputShape: [null, 784] },
  { className: 'Dense', outputShape: [null, 120], params: 94_200, config: { units: 120, activation: 'relu' } },
  { className: 'Dense', outputShape: [null, 84], params: 10_164, config: { units: 84, activation: 'relu' } },
  { className: 'Dense', outputShape: [null, 10], params: 850, config: { units: 10, activation: 'softmax' } },
];

export const LENET5_004_PARAMS = { total: 107_786, trainable: 107_786, nonTrainable: 0 };

export default defineGrader({
  checks: [expectLayers(LENET5_004_LAYERS), expectParams(LENET5_004_PARAMS)],
});

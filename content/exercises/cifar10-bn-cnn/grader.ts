import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams, type ExpectedLayer } from '../../../graders/checks.ts';

const block = (filters: number, side: number, convParams: number): ExpectedLayer[] => [
  { className: 'Conv2D', outputShape: [null, side, side, filters], params: convParams, config: { filters, kernelSize: 3, padding: 'same', activation: 'relu' } },
  // gamma and beta train; the moving mean and variance (2 × filters) do not.
  { className: 'BatchNormalization', outputShape: [null, side, side, filters], params: 4 * filters },
  { className: 'MaxPooling2D', outputShape: [null, side / 2, side / 2, filters], config: { poolSize: 2, strides: 2 } },
  { className: 'Dropout', outputShape: [null, side / 2, side / 2, filters], config: { rate: 0.3 } },
];

/**
 * Document 004, CNN 모델 학습 › CIFAR-10: model_build() — three blocks of Conv2D(3×3, same, relu)
 * → BatchNormalization → MaxPool2D(2, strides 2, same) → Dropout(0.3) with 32, 64 and 128 filters,
 * then Flatten (2,048) → Dense(256) → Dense(128) → Dense(10, softmax). The document's summary:
 * 652,874 parameters, 652,426 trainable, 448 non-trainable (the moving means and variances of the
 * three batch-norm layers, 2 × (32 + 64 + 128)). The same figures come out of TF.js 4.22.
 *
 * The document builds it with the functional API (Input → … → Model), so the layer list starts
 * with the InputLayer, as in its summary. The pooling's padding='same' is not checked: on the even
 * sizes 32, 16 and 8 'same' and 'valid' pool alike. The training exercise (cifar10-bn-train)
 * checks the same structure.
 */
export const CIFAR10_BN_LAYERS: ExpectedLayer[] = [
  { className: 'InputLayer', outputShape: [null, 32, 32, 3] },
  ...block(32, 32, 896),
  ...block(64, 16, 18_496),
  ...block(128, 8, 73_856),
  { className: 'Flatten', outputShape: [null, 2048] },
  { className: 'Dense', outputShape: [null, 256], params: 524_544, config: { units: 256, activation: 'relu' } },
  { className: 'Dense', outputShape: [null, 128], params: 32_896, config: { units: 128, activation: 'relu' } },
  { className: 'Dense', outputShape: [null, 10], params: 1_290, config: { units: 10, activation: 'softmax' } },
];

export const CIFAR10_BN_PARAMS = { total: 652_874, trainable: 652_426, nonTrainable: 448 };

export default defineGrader({
  checks: [expectLayers(CIFAR10_BN_LAYERS), expectParams(CIFAR10_BN_PARAMS)],
});

// expect-fail: maps.conv1
// Takes the layer after the requested one (the pooled maps, half the size).
import * as tf from '@tensorflow/tfjs';

/** model.layers[layerIndex]가 image에 대해 내는 특성 맵. */
export function featureMaps(model: tf.LayersModel, image: tf.Tensor4D, layerIndex: number): tf.Tensor {
  const layer = model.layers[layerIndex + 1]!;
  // 입력은 원래 모델과 같고, 출력만 중간 층의 출력인 새 모델(케라스의 keras.Model(model.inputs, layer.output)).
  const activations = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
  return activations.predict(image) as tf.Tensor;
}

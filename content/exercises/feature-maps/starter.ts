import * as tf from '@tensorflow/tfjs';

/** model.layers[layerIndex]가 image에 대해 내는 특성 맵. */
export function featureMaps(model: tf.LayersModel, image: tf.Tensor4D, layerIndex: number): tf.Tensor {
  const layer = model.layers[layerIndex]!;
  // TODO: tf.model({ inputs: model.inputs, outputs: layer.output })로 중간 층까지의 모델을 만드세요.
  //       지금은 모델 전체의 출력(10개 클래스 확률)을 돌려줍니다.
  console.log(`${layer.name}의 출력을 꺼내야 합니다.`);
  return model.predict(image) as tf.Tensor;
}

// expect-fail: act.layers
// Takes every layer's output: the padding, Flatten and Dense layers too.
import * as tf from '@tensorflow/tfjs';
import { loadPretrained, loadTrainingData, print, showImages } from 'course';

/** 특성 맵을 내는 층: 합성곱과 최대 풀링. */
const VISIBLE = ['Conv2D', 'MaxPooling2D'];
void VISIBLE; // this variant picks its layers another way

/** 입력은 원래 모델과 같고, 합성곱·풀링 층의 출력을 모두 내는 모델. */
export async function activationModel(modelName: string): Promise<tf.LayersModel> {
  const model = await loadPretrained(modelName);
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  // 케라스: models.Model(inputs=model.input, outputs=[layer.output for layer in layers])
  return tf.model({ inputs: model.inputs, outputs: layers.map((layer) => layer.output as tf.SymbolicTensor) });
}

/** image 한 장에 대한 그 층들의 활성화, 층 순서대로. */
export async function activations(modelName: string, image: tf.Tensor4D): Promise<tf.Tensor[]> {
  const model = await activationModel(modelName);
  const outputs = model.predict(image);
  return Array.isArray(outputs) ? outputs : [outputs]; // 출력이 하나뿐이면 배열이 아닙니다
}

// course-vgg에 훈련 이미지 한 장을 넣고, 층마다 채널을 16열 격자로 그립니다.
const data = await loadTrainingData();
const image = data.train.xs.slice([0, 0, 0, 0], [1, 28, 28, 1]) as tf.Tensor4D;
showImages(image, { title: `입력 이미지 (${data.classNames[data.train.ys.dataSync()[0]!]})` });
const model = await activationModel('course-vgg');
const maps = await activations('course-vgg', image);
maps.forEach((map, i) => {
  const name = model.outputs[i]!.sourceLayer.name;
  print(`${name}: ${JSON.stringify(map.shape)}`);
  if (map.rank !== 4) return; // 특성 맵이 아니면(클래스 확률) 그리지 않습니다
  // [1, 높이, 너비, 채널] → 채널마다 한 장: [채널, 높이, 너비, 1]
  showImages(tf.transpose(map, [3, 1, 2, 0]), { title: `${name} (${map.shape[3]}채널)`, columns: 16 });
});

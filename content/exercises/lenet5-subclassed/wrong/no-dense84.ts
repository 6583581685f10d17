// expect-fail: layers.sequence
// Dense(84) left out: seven layers, and 97,982 parameters.
import * as tf from '@tensorflow/tfjs';

/** 문서 004의 LeNet5를 함수형 API로: 파라미터 107,786개. */
export function buildModel(): tf.LayersModel {
  // 케라스 클래스의 __init__에 해당: 층 객체를 먼저 만듭니다.
  const conv1 = tf.layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' });
  const pool1 = tf.layers.maxPooling2d({ poolSize: 2 });
  const conv2 = tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' });
  const flatten = tf.layers.flatten();
  const fc1 = tf.layers.dense({ units: 120, activation: 'relu' });
  const fc3 = tf.layers.dense({ units: 10, activation: 'softmax' });

  // 케라스 클래스의 call에 해당: 입력에서 출력까지 층을 차례로 부릅니다.
  const input = tf.input({ shape: [28, 28, 1] });
  let x = conv1.apply(input) as tf.SymbolicTensor; // 28×28×6, 5·5·1·6 + 6 = 156
  x = pool1.apply(x) as tf.SymbolicTensor; // 14×14×6
  x = conv2.apply(x) as tf.SymbolicTensor; // 14×14×16, 5·5·6·16 + 16 = 2,416
  x = pool1.apply(x) as tf.SymbolicTensor; // 7×7×16: 같은 풀링 층을 다시 씁니다
  x = flatten.apply(x) as tf.SymbolicTensor; // 784
  x = fc1.apply(x) as tf.SymbolicTensor; // 784·120 + 120 = 94,200
  const output = fc3.apply(x) as tf.SymbolicTensor; // 84·10 + 10 = 850

  return tf.model({ inputs: input, outputs: output });
}

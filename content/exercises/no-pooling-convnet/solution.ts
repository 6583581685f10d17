import * as tf from '@tensorflow/tfjs';
import { print, summary } from 'course';

/** 문서 000(5.1.2)의 model_no_max_pool: 풀링 없이 합성곱 세 개, 파라미터 55,744개. */
export function buildNoMaxPool(): tf.Sequential {
  const model = tf.sequential();
  // 풀링이 없으니 3×3 valid 합성곱마다 한 변이 2씩만 줄어듭니다.
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' })); // 26×26×32, 320
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 24×24×64, 18,496
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 22×22×64, 36,928
  return model;
}

/** (높이, 너비, 채널) 특성 맵을 펼쳐 Dense(units)에 연결할 때 그 Dense 층의 파라미터 수. */
export function denseParams([height, width, channels]: [number, number, number], units: number): number {
  const inputs = height * width * channels; // Flatten이 내는 값의 개수
  return inputs * units + units; // 입력마다 units개의 가중치 + 뉴런마다 절편 하나
}

summary(buildNoMaxPool());
print('Flatten → Dense(512):', denseParams([22, 22, 64], 512).toLocaleString('en-US'), '개 (문서는 15800개라고 씀)');
print('풀링이 있는 첫 컨브넷의 Dense(64):', denseParams([3, 3, 64], 64).toLocaleString('en-US'), '개');

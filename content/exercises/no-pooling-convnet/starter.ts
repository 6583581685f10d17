import * as tf from '@tensorflow/tfjs';
import { print, summary } from 'course';

/** 문서 000(5.1.2)의 model_no_max_pool: 풀링 없이 합성곱 세 개. */
export function buildNoMaxPool(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  // TODO: 3×3 합성곱(64개 필터, relu)을 두 개 더 쌓으세요. 풀링 층은 넣지 않습니다.

  return model;
}

/** (높이, 너비, 채널) 특성 맵을 펼쳐 Dense(units)에 연결할 때 그 Dense 층의 파라미터 수. */
export function denseParams([height, width, channels]: [number, number, number], units: number): number {
  // TODO: Flatten이 내는 값의 개수를 구하고, Dense 층의 가중치와 절편을 세세요.
  void [height, width, channels, units];
  return 0;
}

summary(buildNoMaxPool());
print('Flatten → Dense(512):', denseParams([22, 22, 64], 512).toLocaleString('en-US'), '개');

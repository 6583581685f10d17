import * as tf from '@tensorflow/tfjs';
import { summary } from 'course';

/** 문서 000(5.2)의 강아지 vs. 고양이 컨브넷: 150×150×3 입력, 확률 하나를 출력. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [150, 150, 3], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  // TODO: Conv2D(128) → MaxPooling2D(2)를 두 번 더 쌓으세요.

  model.add(tf.layers.flatten());
  // TODO: Dense(512, relu) → Dense(1, sigmoid)

  return model;
}

// 실행하면 요약표가 나옵니다. 문서의 model.summary()와 비교해 보세요.
summary(buildModel());

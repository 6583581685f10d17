import * as tf from '@tensorflow/tfjs';
import { print, showImages } from 'course';

// 3×3 세로 경계 검출 필터를 5×5 이미지에 적용해 봅니다.
const image = tf.tensor4d(
  [0, 0, 1, 1, 1,
   0, 0, 1, 1, 1,
   0, 0, 1, 1, 1,
   0, 0, 1, 1, 1,
   0, 0, 1, 1, 1],
  [1, 5, 5, 1],
);
const kernel = tf.tensor4d([-1, 0, 1, -1, 0, 1, -1, 0, 1], [3, 3, 1, 1]);
const featureMap = tf.conv2d(image, kernel, 1, 'valid');

print('특성 맵의 모양:', featureMap.shape);
print(featureMap);
showImages(tf.concat([image.slice([0, 1, 1, 0], [1, 3, 3, 1]), featureMap]), { title: '입력(가운데 3×3)과 특성 맵', labels: ['입력', '특성 맵'] });

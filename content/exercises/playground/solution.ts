import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

// The playground has no task; its "solution" shows one more thing to try: stride 2 with same padding.
const image = tf.ones([1, 6, 6, 1]);
const kernel = tf.ones([3, 3, 1, 1]);
print('same 패딩, 스트라이드 2:', tf.conv2d(image as tf.Tensor4D, kernel as tf.Tensor4D, 2, 'same').shape);

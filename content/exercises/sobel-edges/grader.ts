import type * as tfCore from '@tensorflow/tfjs-core';
import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 004 (Sobel filters, described in prose only): the standard 3×3 Sobel kernels, both
 * applied by one tf.conv2d as a two-filter [3, 3, 1, 2] tensor ('same', stride 1), and the edge
 * magnitude √(Gx² + Gy²). Expected values come from the grader's own tf.conv2d with the kernels
 * written below, on small drawn images and on MNIST and Fashion-MNIST training images.
 */
const SOBEL_X = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
const SOBEL_Y = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

/** An image batch as the runner hands it to learner code: a tensor argument. */
function batch(images: number[][][]): { $tensor: { shape: number[]; values: number[] } } {
  return { $tensor: { shape: [images.length, images[0]!.length, images[0]![0]!.length, 1], values: images.flat(2) } };
}
const drawn = (height: number, width: number, value: (y: number, x: number) => number) => Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => value(y, x)));
const VERTICAL_EDGE = drawn(6, 8, (_, x) => (x >= 4 ? 1 : 0));
const HORIZONTAL_EDGE = drawn(8, 6, (y) => (y >= 3 ? 0.8 : 0.1));
const RING = drawn(16, 16, (y, x) => Math.round(Math.max(0, 1 - Math.abs(Math.hypot(y - 7.5, x - 7.5) - 5) / 1.5) * 100) / 100);

const MNIST = { $trainingImages: { dataset: 'mnist' as const, count: 3, seed: 404 } };
const FASHION = { $trainingImages: { dataset: 'fashion-mnist' as const, count: 3, seed: 4 } };

async function inputOf(context: GradingContext, arg: unknown): Promise<tfCore.Tensor4D> {
  const { tf } = context;
  if (typeof arg === 'object' && arg !== null && '$tensor' in arg) {
    const { shape, values } = (arg as ReturnType<typeof batch>).$tensor;
    return tf.tensor4d(values, shape as [number, number, number, number]);
  }
  const { dataset, count, seed } = (arg as typeof MNIST).$trainingImages;
  const set = await context.loadTrainingSet(dataset, count, seed);
  set.ys.dispose();
  return set.xs as tfCore.Tensor4D;
}

/** [N, H, W, 2]: Gx and Gy with tf.conv2d, 'same', stride 1. */
function sobel(tf: GradingContext['tf'], images: tfCore.Tensor4D): tfCore.Tensor4D {
  return tf.tidy(() => {
    const filters = tf.reshape(tf.stack([tf.tensor2d(SOBEL_X), tf.tensor2d(SOBEL_Y)], 2), [3, 3, 1, 2]) as tfCore.Tensor4D;
    return tf.conv2d(images, filters, 1, 'same');
  });
}

async function expectedOf(context: GradingContext, arg: unknown, what: 'gradients' | 'magnitude'): Promise<number[][][][]> {
  const { tf } = context;
  const images = await inputOf(context, arg);
  try {
    return tf.tidy(() => {
      const g = sobel(tf, images);
      return (what === 'gradients' ? g : tf.sqrt(tf.sum(tf.square(g), 3, true))).arraySync() as number[][][][];
    });
  } finally {
    images.dispose();
  }
}

const INPUTS: { key: string; title: string; arg: unknown; hint: string }[] = [
  { key: 'vertical-edge', title: '세로 경계 6×8', arg: batch([VERTICAL_EDGE]), hint: '왼쪽이 어둡고 오른쪽이 밝은 세로 경계: Gx는 경계에서 양수, Gy는 0입니다(맨 위·아래 줄은 덧댄 0 때문에 다릅니다).' },
  { key: 'horizontal-edge', title: '가로 경계 8×6', arg: batch([HORIZONTAL_EDGE]), hint: '위가 어둡고 아래가 밝은 가로 경계: Gy가 양수입니다.' },
  { key: 'ring', title: '원 16×16', arg: batch([RING]), hint: '원의 바깥쪽과 안쪽 경계에서 방향이 반대인 그레이디언트가 나옵니다.' },
  { key: 'mnist', title: 'MNIST 훈련 이미지 3장', arg: MNIST, hint: '28×28 영상 여러 장도 한 번의 tf.conv2d로 처리합니다.' },
  { key: 'fashion', title: '패션 MNIST 훈련 이미지 3장', arg: FASHION, hint: '28×28 영상 여러 장도 한 번의 tf.conv2d로 처리합니다.' },
];

export default defineGrader({
  checks: [
    expectValues({
      id: 'kernels',
      title: '표준 소벨 커널 [Gx, Gy]',
      call: { name: 'sobelKernels', args: [] },
      expected: [SOBEL_X, SOBEL_Y],
      tolerance: 0,
      hint: 'Gx = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]: 오른쪽이 밝으면 양수입니다. Gy는 그 전치입니다. 딥러닝의 합성곱은 커널을 뒤집지 않으므로 수학책의 뒤집힌 커널과 부호가 반대일 수 있습니다.',
    }),
    ...INPUTS.map((input) =>
      expectValues({
        id: `gradients.${input.key}`,
        title: `${input.title}의 그레이디언트 [Gx, Gy]`,
        call: { name: 'gradients', args: [input.arg] },
        expected: (context) => expectedOf(context, input.arg, 'gradients'),
        hint: `${input.hint} 필터 텐서는 [3, 3, 1, 2], 패딩은 'same'입니다.`,
      }),
    ),
    ...INPUTS.filter((input) => input.key !== 'vertical-edge').map((input) =>
      expectValues({
        id: `magnitude.${input.key}`,
        title: `${input.title}의 경계 크기 √(Gx² + Gy²)`,
        call: { name: 'edgeMagnitude', args: [input.arg] },
        expected: (context) => expectedOf(context, input.arg, 'magnitude'),
        hint: '두 채널을 제곱해 채널 축으로 더한 뒤(keepDims) 제곱근을 구합니다. |Gx| + |Gy|는 근삿값입니다.',
      }),
    ),
  ],
});

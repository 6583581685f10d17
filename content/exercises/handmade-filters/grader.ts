import type * as tfCore from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 004's hand-made filters: a (7, 7, channels, 2) tensor whose filter 0 is a cross
 * (filters[:, 3, :, 0] = 1 and filters[3, :, :, 0] = 1) and filter 1 the centre point
 * (filters[3, 3, :, 1] = 1); applied with tf.conv2d(…, 1, 'same'), which the document never does;
 * and its Conv2D(filters=16, kernel_size=7, activation='relu'): output shape and parameter count
 * from the grader's own TF.js layer.
 */
function filters(tf: GradingContext['tf'], channels: number): tfCore.Tensor4D {
  const buffer = tf.buffer([7, 7, channels, 2], 'float32');
  for (let i = 0; i < 7; i++) {
    for (let c = 0; c < channels; c++) {
      buffer.set(1, i, 3, c, 0);
      buffer.set(1, 3, i, c, 0);
    }
  }
  for (let c = 0; c < channels; c++) buffer.set(1, 3, 3, c, 1);
  return buffer.toTensor() as tfCore.Tensor4D;
}

function documentLayer(inputShape: number[]) {
  const layer = tfl.layers.conv2d({ filters: 16, kernelSize: 7, activation: 'relu' });
  const shape = (layer.computeOutputShape([null, ...inputShape]) as number[]).slice(1);
  layer.apply(tfl.input({ shape: inputShape }));
  const params = layer.countParams();
  layer.dispose();
  return { shape, params };
}

/** A reproducible [n, h, w, c] batch of values 0–1 with two decimals, as a tensor argument. */
function batch(n: number, h: number, w: number, c: number, seed: number) {
  let state = seed;
  const values = Array.from({ length: n * h * w * c }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * 100) / 100;
  });
  return { $tensor: { shape: [n, h, w, c], values } };
}
const SMALL = batch(2, 9, 12, 3, 404);
const MNIST = { $trainingImages: { dataset: 'mnist' as const, count: 2, seed: 7 } };

async function applied(context: GradingContext, arg: typeof SMALL | typeof MNIST): Promise<number[][][][]> {
  const { tf } = context;
  let images: tfCore.Tensor4D;
  if ('$tensor' in arg) images = tf.tensor4d(arg.$tensor.values, arg.$tensor.shape as [number, number, number, number]);
  else {
    const set = await context.loadTrainingSet(arg.$trainingImages.dataset, arg.$trainingImages.count, arg.$trainingImages.seed);
    set.ys.dispose();
    images = set.xs;
  }
  const f = filters(tf, images.shape[3]);
  try {
    return tf.tidy(() => tf.conv2d(images, f, 1, 'same').arraySync() as number[][][][]);
  } finally {
    tf.dispose([images, f]);
  }
}

const FILTER_HINT = "필터 0은 3번 열과 3번 줄이 모두 1인 십자(1이 채널마다 13개), 필터 1은 (3, 3) 한 점만 1입니다. buffer.set(값, 줄, 열, 채널, 필터) 순서입니다.";
const SHAPES: { id: string; input: number[]; title: string }[] = [
  { id: 'photo', input: [427, 640, 3], title: '문서의 사진 427×640×3' },
  { id: 'mnist', input: [28, 28, 1], title: 'MNIST 28×28×1' },
  { id: 'cifar', input: [32, 32, 3], title: 'CIFAR-10 32×32×3' },
];

export default defineGrader({
  checks: [
    ...[3, 1].map((channels) =>
      expectValues({
        id: `filters.${channels}ch`,
        title: `makeFilters(${channels}): [7, 7, ${channels}, 2]의 십자와 가운데 점`,
        call: { name: 'makeFilters', args: [channels] },
        expected: ({ tf }) => tf.tidy(() => filters(tf, channels).arraySync()),
        tolerance: 0,
        hint: FILTER_HINT,
      }),
    ),
    expectValues({
      id: 'apply.small',
      title: '3채널 배치 (2, 9, 12, 3)에 적용한 특징 맵',
      call: { name: 'applyFilters', args: [SMALL] },
      expected: (context) => applied(context, SMALL),
      hint: "tf.conv2d(images, makeFilters(채널 수), 1, 'same'): 결과는 [2, 9, 12, 2]입니다.",
    }),
    expectValues({
      id: 'apply.mnist',
      title: 'MNIST 훈련 이미지 2장(1채널)에 적용한 특징 맵',
      call: { name: 'applyFilters', args: [MNIST] },
      expected: (context) => applied(context, MNIST),
      hint: '채널 수는 images.shape[3]에서 읽습니다. MNIST는 1채널입니다.',
    }),
    ...SHAPES.flatMap(({ id, input, title }) => [
      expectValues({
        id: `layer.shape.${id}`,
        title: `Conv2D(16, 7)의 출력 모양: ${title}`,
        call: { name: 'convolveOutputShape', args: [input] },
        expected: () => documentLayer(input).shape,
        tolerance: 0,
        hint: "패딩을 주지 않으면('valid') 한 변이 7 − 1 = 6씩 줄고, 채널은 필터 수 16입니다.",
      }),
      expectValues({
        id: `layer.params.${id}`,
        title: `Conv2D(16, 7)의 매개변수 수: ${title}`,
        call: { name: 'convolveParams', args: [input] },
        expected: () => documentLayer(input).params,
        tolerance: 0,
        hint: '7 × 7 × 입력 채널 × 16개의 가중치와 절편 16개입니다. 입력의 높이·너비와는 상관없습니다.',
      }),
    ]),
  ],
});

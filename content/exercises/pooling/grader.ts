import * as tfl from '@tensorflow/tfjs-layers';
import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 004 (pooling): max pooling and average pooling with a 2×2 window and stride 2, global
 * average pooling, and the shapes the document prints for its flower photo: (1, 427, 640, 3) →
 * Conv2D(32, 3, same) → (1, 427, 640, 32) → MaxPooling2D(2) → (1, 213, 320, 32), and
 * GlobalAvgPool2D → (1, 32). Values come from tf.maxPool, tf.avgPool and tf.mean on the same
 * inputs; shapes from TF.js layers built by the grader.
 */
type Batch = { $tensor: { shape: [number, number, number, number]; values: number[] } };
const tensor = (shape: [number, number, number, number], values: number[]): Batch => ({ $tensor: { shape, values } });

/** The document's figure: a 4×4 map whose top-left window holds 2 and 8; then the two swapped. */
const WINDOW = tensor([1, 4, 4, 1], [1, 2, 0, 3, 8, 4, 5, 1, 6, 0, 2, 2, 1, 7, 3, 4]);
const SWAPPED = tensor([1, 4, 4, 1], [1, 8, 0, 3, 2, 4, 5, 1, 6, 0, 2, 2, 1, 7, 3, 4]);

function seeded(shape: [number, number, number, number], seed: number): Batch {
  let state = seed;
  const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * 100) / 100;
  });
  return tensor(shape, values);
}
const BATCH = seeded([2, 6, 8, 3], 404);
const ODD = seeded([1, 5, 7, 2], 9);

const input = ({ tf }: GradingContext, b: Batch) => tf.tensor4d(b.$tensor.values, b.$tensor.shape);
const pooled = (op: 'max' | 'avg', b: Batch) => (context: GradingContext) =>
  context.tf.tidy(() => {
    const x = input(context, b);
    return (op === 'max' ? context.tf.maxPool(x, 2, 2, 'valid') : context.tf.avgPool(x, 2, 2, 'valid')).arraySync();
  });

function shapes(inputShape: number[]): { pooled: number[]; global: number[] } {
  const conv = tfl.layers.conv2d({ filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' });
  const x = conv.apply(tfl.input({ shape: inputShape })) as tfl.SymbolicTensor;
  const pooledOut = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tfl.SymbolicTensor;
  const globalOut = tfl.layers.globalAveragePooling2d({}).apply(x) as tfl.SymbolicTensor;
  return { pooled: pooledOut.shape.slice(1) as number[], global: globalOut.shape.slice(1) as number[] };
}

const MAX_HINT = "tf.maxPool(x, 2, 2, 'valid'): 2×2 창을 두 칸씩 옮기며 가장 큰 값을 남깁니다.";
const INPUT_SHAPES: { id: string; shape: number[]; title: string }[] = [
  { id: 'flower', shape: [427, 640, 3], title: '꽃 사진 427×640×3' },
  { id: 'mnist', shape: [28, 28, 1], title: 'MNIST 28×28×1' },
  { id: 'odd', shape: [15, 9, 3], title: '15×9×3' },
];

export default defineGrader({
  checks: [
    expectValues({ id: 'max.window', title: '최대 풀링: 문서의 예 (4×4, 창 안에 2와 8)', call: { name: 'maxPool', args: [WINDOW] }, expected: pooled('max', WINDOW), tolerance: 1e-6, hint: MAX_HINT }),
    expectValues({ id: 'max.swapped', title: '최대 풀링: 2와 8의 자리를 바꾼 입력 (결과는 같아야 함)', call: { name: 'maxPool', args: [SWAPPED] }, expected: pooled('max', SWAPPED), tolerance: 1e-6, hint: '창 안에서 자리가 바뀌어도 가장 큰 값은 8입니다: 이동 불변성.' }),
    expectValues({ id: 'max.batch', title: '최대 풀링: 배치 (2, 6, 8, 3)', call: { name: 'maxPool', args: [BATCH] }, expected: pooled('max', BATCH), tolerance: 1e-6, hint: '채널마다 따로 풀링하므로 채널 수는 그대로입니다.' }),
    expectValues({ id: 'max.odd', title: '최대 풀링: 높이·너비가 홀수인 (1, 5, 7, 2)', call: { name: 'maxPool', args: [ODD] }, expected: pooled('max', ODD), tolerance: 1e-6, hint: "'valid'는 창이 다 들어가지 않는 마지막 줄과 열을 버립니다: 5 → 2, 7 → 3." }),
    expectValues({ id: 'avg.batch', title: '평균 풀링: 배치 (2, 6, 8, 3)', call: { name: 'avgPool', args: [BATCH] }, expected: pooled('avg', BATCH), hint: "tf.avgPool(x, 2, 2, 'valid'): 창 안 네 값의 평균입니다." }),
    expectValues({ id: 'avg.odd', title: '평균 풀링: (1, 5, 7, 2)', call: { name: 'avgPool', args: [ODD] }, expected: pooled('avg', ODD), hint: "최대 풀링과 같은 창, 같은 'valid' 규칙입니다." }),
    expectValues({
      id: 'global.batch',
      title: '전역 평균 풀링: 배치 (2, 6, 8, 3) → (2, 3)',
      call: { name: 'globalAvgPool', args: [BATCH] },
      expected: (context) => context.tf.tidy(() => context.tf.mean(input(context, BATCH), [1, 2]).arraySync()),
      hint: '높이(축 1)와 너비(축 2)에 대해 평균을 내면 채널마다 값 하나가 남습니다.',
    }),
    ...INPUT_SHAPES.flatMap(({ id, shape, title }) => [
      expectValues({ id: `shape.pooled.${id}`, title: `Conv2D(32, same) → MaxPooling2D(2): ${title}`, call: { name: 'pooledShape', args: [shape] }, expected: () => shapes(shape).pooled, tolerance: 0, hint: "'same' 컨볼루션은 높이·너비를 그대로 두고, 2×2 풀링이 내림해 절반으로 줄입니다: 427 → 213." }),
      expectValues({ id: `shape.global.${id}`, title: `Conv2D(32, same) → GlobalAveragePooling2D: ${title}`, call: { name: 'globalShape', args: [shape] }, expected: () => shapes(shape).global, tolerance: 0, hint: '전역 평균 풀링은 특징 맵마다 값 하나를 남겨 채널 수 32만 남습니다.' }),
    ]),
  ],
});

import type * as tfCore from '@tensorflow/tfjs-core';
import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 002 8.2 (a convolution layer): a 5×5×3 input, two 3×3×3 filters with a bias each,
 * zero padding, stride 2 → a 3×3×2 map, then ReLU; 0 덧대기 and 복사 덧대기. The document prints its
 * numbers only in a figure, so the worked example uses the course's own. The grader computes every
 * expected value itself with TF.js: tf.pad (zeros) or tf.gather with clamped indices (edge
 * replication), then a 'valid' tf.conv2d, the bias and tf.relu.
 */
type Padding = 'zero' | 'replicate';
type Args = [input: number[][][], filters: number[][][][], biases: number[], stride: number, padding: Padding];

/** H×W×C from one H×W matrix per channel (how the lesson shows an input). */
function fromChannels(channels: number[][][]): number[][][] {
  return channels[0]!.map((row, y) => row.map((_, x) => channels.map((channel) => channel[y]![x]!)));
}

/** kh×kw×C×F (tf.conv2d's layout) from one C×kh×kw filter per output map (how the lesson shows filters). */
function fromFilters(filters: number[][][][]): number[][][][] {
  const first = filters[0]!;
  return first[0]!.map((row, a) => row.map((_, b) => first.map((_, c) => filters.map((filter) => filter[c]![a]![b]!))));
}

/** Reproducible integers in [low, high] with the given shape. */
function ints(shape: number[], seed: number, low: number, high: number): unknown {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return low + Math.floor((state / 2_147_483_648) * (high - low + 1));
  };
  const build = (dims: number[]): unknown => (dims.length === 0 ? next() : Array.from({ length: dims[0]! }, () => build(dims.slice(1))));
  return build(shape);
}
const input = (h: number, w: number, c: number, seed: number) => ints([h, w, c], seed, 0, 3) as number[][][];
const filters = (k: number, c: number, f: number, seed: number) => ints([k, k, c, f], seed, -1, 1) as number[][][][];

// The worked example: R, G, B channels of the 5×5×3 input and the two 3×3×3 filters, channel by channel.
const DOC_INPUT = fromChannels([
  [[0, 1, 2, 1, 0], [1, 2, 0, 1, 2], [2, 0, 1, 2, 1], [1, 1, 2, 0, 0], [0, 2, 1, 1, 2]],
  [[1, 0, 0, 2, 1], [2, 1, 1, 0, 0], [0, 2, 2, 1, 1], [1, 0, 1, 2, 2], [2, 1, 0, 0, 1]],
  [[2, 2, 1, 0, 0], [0, 1, 2, 2, 1], [1, 0, 0, 1, 2], [2, 1, 1, 0, 1], [0, 0, 2, 1, 0]],
]);
const DOC_FILTERS = fromFilters([
  [
    [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
    [[0, 1, 0], [1, -1, 1], [0, 1, 0]],
    [[-1, -1, 0], [0, 0, 0], [0, 1, 1]],
  ],
  [
    [[0, -1, 0], [-1, 1, -1], [0, -1, 0]],
    [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
    [[0, 0, 1], [0, 1, 0], [1, 0, 0]],
  ],
]);
const DOC_BIASES = [1, -2];

/**
 * The worked example's outputs as the lesson quotes them (one 3×3 map per filter, before ReLU);
 * the grader still computes them with TF.js and stops if the two ever disagree.
 */
const DOC_BEFORE_RELU: Record<Padding, number[][][]> = {
  zero: [
    [[0, 9, 5], [6, 2, 4], [-4, 3, 2]],
    [[-5, -2, -3], [2, -3, -7], [-3, -1, 3]],
  ],
  replicate: [
    [[-2, 6, 7], [10, 2, 3], [-3, 7, 1]],
    [[-3, -2, 1], [3, -3, -9], [-7, -3, 1]],
  ],
};

const CASES: { id: string; title: string; args: Args; document?: number[][][]; hint: string }[] = [
  {
    id: 'layer.document-zero',
    title: '5×5×3 입력, 3×3×3 필터 2개, 보폭 2, 0 덧대기 → 3×3×2',
    args: [DOC_INPUT, DOC_FILTERS, DOC_BIASES, 2, 'zero'],
    document: DOC_BEFORE_RELU.zero,
    hint: '출력 (i, j, f)는 덧댄 입력의 (2i..2i+2, 2j..2j+2) 창에서 세 채널을 모두 필터 f와 곱해 더하고, 바이어스 f를 더한 뒤 ReLU를 적용한 값입니다.',
  },
  {
    id: 'layer.document-replicate',
    title: '같은 입력과 필터, 보폭 2, 복사 덧대기',
    args: [DOC_INPUT, DOC_FILTERS, DOC_BIASES, 2, 'replicate'],
    document: DOC_BEFORE_RELU.replicate,
    hint: '복사 덧대기에서 바깥 화소는 가장 가까운 경계 화소의 값입니다. (−1, −1)은 (0, 0)의 값이고, 경계 안쪽 (1, 1)을 비추어 복사하는 것(tf.mirrorPad의 reflect)이 아닙니다.',
  },
  {
    id: 'layer.stride1-zero',
    title: '같은 입력과 필터, 보폭 1, 0 덧대기 → 5×5×2',
    args: [DOC_INPUT, DOC_FILTERS, DOC_BIASES, 1, 'zero'],
    hint: '보폭 1이면 한 칸씩 옮기므로, 한 줄씩 덧댄 5×5 입력에서 5×5 맵이 나옵니다.',
  },
  {
    id: 'layer.stride1-replicate',
    title: '같은 입력과 필터, 보폭 1, 복사 덧대기 → 5×5×2',
    args: [DOC_INPUT, DOC_FILTERS, DOC_BIASES, 1, 'replicate'],
    hint: '네 모서리 바깥도 가장 가까운 화소, 곧 모서리 화소의 값입니다.',
  },
  {
    id: 'layer.four-channels',
    title: '6×6×4 입력, 3×3×4 필터 3개, 보폭 2, 복사 덧대기 → 3×3×3',
    args: [input(6, 6, 4, 11), filters(3, 4, 3, 12), [1, 0, -1], 2, 'replicate'],
    hint: '필터의 깊이는 입력 채널 수(4)와 같습니다. 덧대기는 네 변에 똑같이 한 줄씩이고, TensorFlow의 same처럼 아래·오른쪽에만 붙이지 않습니다.',
  },
  {
    id: 'layer.seven-by-seven',
    title: '7×7×2 입력, 5×5×2 필터 2개, 보폭 2, 복사 덧대기 → 4×4×2',
    args: [input(7, 7, 2, 21), filters(5, 2, 2, 22), [0, 2], 2, 'replicate'],
    hint: '5×5 커널은 네 변에 두 줄씩 덧댑니다. 두 줄 모두 가장 가까운 경계 화소의 값이고, 두 번째 줄이 안쪽 화소를 비추어 복사하면(tf.mirrorPad의 symmetric) 안 됩니다.',
  },
  {
    id: 'layer.relu',
    title: '4×4×2 입력, 음수 바이어스: ReLU가 음수를 0으로',
    args: [input(4, 4, 2, 31), filters(3, 2, 2, 32), [-4, 1], 1, 'zero'],
    hint: '바이어스를 더한 값이 음수이면 ReLU의 결과는 0입니다: max(0, 곱의 합 + 바이어스).',
  },
  {
    id: 'layer.pointwise',
    title: '4×4×3 입력, 1×1×3 필터 2개, 보폭 2 → 2×2×2',
    args: [input(4, 4, 3, 41), filters(1, 3, 2, 42), [0, 1], 2, 'zero'],
    hint: '1×1 커널은 덧대지 않고(⌊1/2⌋ = 0) 화소마다 채널들을 섞기만 합니다.',
  },
];

/** The input padded by `padY` rows and `padX` columns on each side: zeros, or the nearest edge pixel. */
function pad(tf: typeof tfCore, x: tfCore.Tensor4D, padY: number, padX: number, padding: Padding): tfCore.Tensor4D {
  if (padding === 'zero') return tf.pad(x, [[0, 0], [padY, padY], [padX, padX], [0, 0]]);
  // Edge replication: index −1 (and −2 …) reads row 0, index H reads row H−1. tf.mirrorPad does not do this.
  const clamped = (size: number, p: number) => tf.tensor1d(Array.from({ length: size + 2 * p }, (_, i) => Math.min(Math.max(i - p, 0), size - 1)), 'int32');
  const [, height, width] = x.shape;
  return tf.gather(tf.gather(x, clamped(height, padY), 1), clamped(width, padX), 2);
}

/** The layer computed with TF.js, before ReLU. */
function beforeRelu(tf: typeof tfCore, [pixels, kernel, biases, stride, padding]: Args): tfCore.Tensor3D {
  const x = tf.tensor4d([pixels]);
  const w = tf.tensor4d(kernel);
  const [kh, kw] = w.shape;
  const padded = pad(tf, x, Math.floor(kh / 2), Math.floor(kw / 2), padding);
  return tf.squeeze<tfCore.Tensor3D>(tf.add(tf.conv2d(padded, w, stride, 'valid'), tf.tensor1d(biases)), [0]);
}

export default defineGrader({
  checks: CASES.map((c) =>
    expectValues({
      id: c.id,
      title: c.title,
      call: { name: 'convLayer', args: c.args },
      expected: ({ tf }) =>
        tf.tidy(() => {
          const logits = beforeRelu(tf, c.args);
          if (c.document) {
            // The lesson's figures, one map per filter: [f][i][j] is [i][j][f] of the layer's output.
            const maps = tf.transpose(logits, [2, 0, 1]).arraySync();
            if (JSON.stringify(maps) !== JSON.stringify(c.document)) throw new Error(`${c.id}: TF.js gives ${JSON.stringify(maps)}, not the lesson's ${JSON.stringify(c.document)}`);
          }
          return tf.relu(logits).arraySync();
        }),
      tolerance: 1e-4,
      hint: c.hint,
    }),
  ),
});

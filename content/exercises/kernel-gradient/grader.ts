import type * as tfCore from '@tensorflow/tfjs-core';
import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 002 8.3 (backpropagation in a CNN): a kernel is used at every output position, so its
 * gradient sums over them. For a 'valid' single-channel convolution Y = X ⋆ K + b with stride s,
 * dL/dK[a][b] = Σ_i Σ_j X[i·s + a][j·s + b] · G[i][j] and dL/db = Σ G, where G = dL/dY.
 * The grader never uses that formula: it takes the gradients with TF.js autodiff (`tf.grads`) of
 * L(K, b) = Σ (conv2d(X, K, s, 'valid') + b) ⊙ G, whose gradient wrt Y is exactly G.
 */

/** Reproducible numbers with two decimals in [low, high), so the inputs read well. */
function grid(height: number, width: number, seed: number, low = 0, high = 1): number[][] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((low + (state / 2_147_483_648) * (high - low)) * 100) / 100;
  };
  return Array.from({ length: height }, () => Array.from({ length: width }, next));
}

interface Case {
  input: number[][];
  outputGradient: number[][];
  kernelSize: [number, number];
  stride: number;
}

/** The hand-sized case the lesson works through: 4×4 input, 2×2 kernel, 3×3 output gradient. */
const SMALL: Case = {
  input: [
    [1, 2, 0, 1],
    [0, 1, 3, 1],
    [2, 1, 0, 2],
    [1, 0, 1, 3],
  ],
  outputGradient: [
    [1, 0, 2],
    [0, 1, 0],
    [1, 0, 0],
  ],
  kernelSize: [2, 2],
  stride: 1,
};
const SQUARE: Case = { input: grid(5, 5, 11), outputGradient: grid(3, 3, 12), kernelSize: [3, 3], stride: 1 };
const NEGATIVE: Case = { input: grid(6, 6, 21), outputGradient: grid(4, 4, 22, -1, 1), kernelSize: [3, 3], stride: 1 };
const RECTANGULAR: Case = { input: grid(5, 7, 31), outputGradient: grid(4, 5, 32, -1, 1), kernelSize: [2, 3], stride: 1 };
const STRIDE2: Case = { input: grid(7, 7, 41), outputGradient: grid(3, 3, 42, -1, 1), kernelSize: [3, 3], stride: 2 };
const LARGE: Case = { input: grid(28, 28, 51), outputGradient: grid(24, 24, 52, -1, 1), kernelSize: [5, 5], stride: 1 };

/** dL/dK and dL/db by TF.js autodiff. L is linear in K and b, so their values do not matter. */
function autodiff(tf: typeof tfCore, c: Case): { kernel: number[][]; bias: number } {
  return tf.tidy(() => {
    const { input, outputGradient, kernelSize, stride } = c;
    const x = tf.tensor4d(input.flat(), [1, input.length, input[0]!.length, 1]);
    const g = tf.tensor4d(outputGradient.flat(), [1, outputGradient.length, outputGradient[0]!.length, 1]);
    const loss = (k: tfCore.Tensor, b: tfCore.Tensor) => tf.sum(tf.mul(tf.add(tf.conv2d(x, k as tfCore.Tensor4D, stride, 'valid'), b), g));
    const k0 = tf.tensor4d(grid(kernelSize[0], kernelSize[1], 99, -1, 1).flat(), [kernelSize[0], kernelSize[1], 1, 1]);
    const [dk, db] = tf.grads(loss)([k0, tf.scalar(0.5)]);
    return { kernel: tf.squeeze(dk!, [2, 3]).arraySync() as number[][], bias: db!.arraySync() as number };
  });
}

const KERNEL_CASES: { id: string; title: string; c: Case; tolerance: number; hint: string }[] = [
  { id: 'grad.small', title: '4×4 입력, 2×2 커널 (손으로 풀 수 있는 예)', c: SMALL, tolerance: 1e-4, hint: 'dK[a][b]는 출력의 모든 위치 (i, j)에 대해 X[i+a][j+b]·G[i][j]를 더한 값입니다. 평균이 아니라 합이고, 커널을 뒤집지 않습니다.' },
  { id: 'grad.square', title: '5×5 입력, 3×3 커널', c: SQUARE, tolerance: 1e-4, hint: '커널 크기만큼(kh×kw) 반복하며, 각 칸에서 출력 그레이디언트 전체와 겹친 입력을 곱해 더합니다.' },
  { id: 'grad.negative', title: '6×6 입력, 음수가 섞인 4×4 출력 그레이디언트', c: NEGATIVE, tolerance: 1e-4, hint: '출력 그레이디언트의 음수도 그대로 곱해 더합니다(절댓값을 쓰지 않습니다).' },
  { id: 'grad.rect', title: '5×7 입력, 2×3 커널 (직사각형)', c: RECTANGULAR, tolerance: 1e-4, hint: '세로(행)는 kernelSize[0], 가로(열)는 kernelSize[1]입니다. 행과 열 첨자를 바꿔 쓰지 않았는지 확인하세요.' },
  { id: 'grad.stride2', title: '7×7 입력, 3×3 커널, 스트라이드 2', c: STRIDE2, tolerance: 1e-4, hint: '스트라이드가 s이면 출력 (i, j)의 창은 입력 (i·s, j·s)에서 시작하므로 X[i·s+a][j·s+b]를 곱합니다.' },
  { id: 'grad.large', title: '28×28 입력, 5×5 커널', c: LARGE, tolerance: 1e-3, hint: '큰 입력에서도 같은 규칙이 적용됩니다.' },
];

const BIAS_CASES: { id: string; title: string; c: Case; hint: string }[] = [
  { id: 'bias.small', title: '3×3 출력 그레이디언트의 절편 그레이디언트', c: SMALL, hint: '절편 b는 출력의 모든 위치에 더해지므로, 그 그레이디언트는 출력 그레이디언트 전체의 합입니다(평균이 아닙니다).' },
  { id: 'bias.negative', title: '음수가 섞인 4×4 출력 그레이디언트의 절편 그레이디언트', c: NEGATIVE, hint: '음수도 그대로 더합니다.' },
];

export default defineGrader({
  checks: [
    ...KERNEL_CASES.map(({ id, title, c, tolerance, hint }) =>
      expectValues({
        id,
        title: `커널 그레이디언트: ${title}`,
        call: { name: 'kernelGradient', args: [c.input, c.outputGradient, c.kernelSize, c.stride] },
        expected: ({ tf }) => autodiff(tf, c).kernel,
        tolerance,
        hint,
      }),
    ),
    ...BIAS_CASES.map(({ id, title, c, hint }) =>
      expectValues({
        id,
        title: `절편 그레이디언트: ${title}`,
        call: { name: 'biasGradient', args: [c.outputGradient] },
        expected: ({ tf }) => autodiff(tf, c).bias,
        tolerance: 1e-4,
        hint,
      }),
    ),
  ],
});

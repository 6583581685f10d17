import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 003 8-1 (kernels, feature maps, same/valid padding, stride), as code: the learner's
 * loops must give what `tf.conv2d` gives for the same inputs, which the grader computes itself.
 */
type Padding = 'same' | 'valid';

/** Reproducible pixel values in [0, 1) with two decimals, so the inputs read well in the page. */
function image(height: number, width: number, seed: number): number[][] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * 100) / 100;
  };
  return Array.from({ length: height }, () => Array.from({ length: width }, next));
}

const EDGE = [0, 0, 1, 1, 1].map(() => [0, 0, 1, 1, 1]); // a vertical edge, as in the document's figures
const VERTICAL = [
  [-1, 0, 1],
  [-1, 0, 1],
  [-1, 0, 1],
];
const SOBEL_Y = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];
const ASYMMETRIC = [
  [1, 2, 0],
  [0, -1, 3],
  [2, 0, -2],
];

const CASES: { id: string; title: string; args: [number[][], number[][], number, Padding]; hint: string }[] = [
  { id: 'conv.edge', title: '5×5 세로 경계 이미지 * 3×3 세로 경계 커널 (valid)', args: [EDGE, VERTICAL, 1, 'valid'], hint: '출력 (i, j)는 입력 (i..i+2, j..j+2)와 커널을 원소끼리 곱한 합입니다.' },
  { id: 'conv.asymmetric', title: '6×6 이미지 * 비대칭 3×3 커널 (valid)', args: [image(6, 6, 1), ASYMMETRIC, 1, 'valid'], hint: '딥러닝의 합성곱은 커널을 뒤집지 않습니다(교차 상관).' },
  { id: 'conv.same', title: '5×5 이미지 * 3×3 커널 (same)', args: [image(5, 5, 2), SOBEL_Y, 1, 'same'], hint: "'same'은 위·아래·왼쪽·오른쪽에 0을 한 줄씩 덧붙여 입력과 같은 크기를 냅니다." },
  { id: 'conv.stride2', title: '7×7 이미지 * 3×3 커널, 스트라이드 2 (valid)', args: [image(7, 7, 3), ASYMMETRIC, 2, 'valid'], hint: '출력 (i, j)의 창은 입력 (2i, 2j)에서 시작합니다.' },
  { id: 'conv.same-stride2', title: '6×6 이미지 * 3×3 커널, 스트라이드 2 (same)', args: [image(6, 6, 4), ASYMMETRIC, 2, 'same'], hint: '전체 패딩이 1줄이면 위에는 0줄, 아래에 1줄을 덧붙입니다(TensorFlow의 규칙).' },
  { id: 'conv.even-kernel', title: '5×4 이미지 * 2×2 커널 (same)', args: [image(5, 4, 5), [[1, -1], [2, 0.5]], 1, 'same'], hint: '짝수 크기 커널의 same 패딩은 아래·오른쪽에만 한 줄이 붙습니다.' },
  { id: 'conv.fashion', title: '28×28 이미지 * 소벨 커널 (same)', args: [image(28, 28, 6), SOBEL_Y, 1, 'same'], hint: '큰 입력에서도 같은 규칙이 적용됩니다.' },
];

export default defineGrader({
  checks: CASES.map((c) =>
    expectValues({
      id: c.id,
      title: c.title,
      call: { name: 'convolve2d', args: c.args },
      expected: ({ tf }) =>
        tf.tidy(() => {
          const [pixels, kernel, stride, padding] = c.args;
          const x = tf.tensor4d(pixels.flat(), [1, pixels.length, pixels[0]!.length, 1]);
          const k = tf.tensor4d(kernel.flat(), [kernel.length, kernel[0]!.length, 1, 1]);
          return tf.squeeze(tf.conv2d(x, k, stride, padding), [0, 3]).arraySync() as number[][];
        }),
      tolerance: 1e-4,
      hint: c.hint,
    }),
  ),
});

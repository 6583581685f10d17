import { call, defineGrader, type CheckResult, type GradingContext } from '../../../graders/types.ts';
import { customCheck, expectValues } from '../../../graders/checks.ts';

/**
 * Document 004 (padding and stride): OH = (H + 2P − FH)/S + 1, which the document wants to divide
 * evenly; when it does not, Keras and TF.js floor it (the document's own pooling turns 427 into
 * 213). The expected size is the height of tf.conv2d's output on zeros with that explicit padding
 * and stride, not a formula of the grader's.
 */
type Case = { id: string; args: [size: number, padding: number, kernel: number, stride: number]; hint: string };

const CASES: Case[] = [
  { id: 'document', args: [5, 1, 3, 1], hint: '문서의 예: 5 + 2×1 − 3 + 1 = 5.' },
  { id: 'no-padding', args: [5, 0, 3, 1], hint: '패딩이 없으면 n − f + 1 = 3 (첫 레슨의 예).' },
  { id: 'stride2-exact', args: [7, 0, 3, 2], hint: '(7 − 3) / 2 + 1 = 3: 나누어떨어집니다.' },
  { id: 'pool-427', args: [427, 0, 2, 2], hint: '(427 − 2) / 2 = 212.5: 내림하면 212, 더하기 1로 213. 문서의 풀링이 427을 213으로 만드는 이유입니다.' },
  { id: 'pool-640', args: [640, 0, 2, 2], hint: '(640 − 2) / 2 + 1 = 320.' },
  { id: 'stride2-floor', args: [6, 0, 3, 2], hint: '(6 − 3) / 2 = 1.5 → 1, 출력 2. 마지막 열은 필터가 다 들어가지 않아 버려집니다.' },
  { id: 'same-5x5', args: [28, 2, 5, 1], hint: '5×5 필터에 패딩 2: 28 + 4 − 5 + 1 = 28.' },
  { id: 'stride2-padding1', args: [32, 1, 3, 2], hint: '(32 + 2 − 3) / 2 = 15.5 → 15, 출력 16.' },
  { id: 'resnet-stem', args: [224, 3, 7, 2], hint: '(224 + 6 − 7) / 2 = 111.5 → 111, 출력 112.' },
  { id: 'stride3', args: [10, 1, 3, 3], hint: '(10 + 2 − 3) / 3 + 1 = 4: 나누어떨어집니다.' },
  { id: 'kernel-equals-input', args: [7, 0, 7, 1], hint: '필터가 입력과 같은 크기이면 놓을 자리는 한 곳뿐입니다.' },
];

/** The output height TF.js gives: tf.conv2d on zeros with explicit padding P on both sides. */
function tfOutputSize({ tf }: GradingContext, [size, padding, kernel, stride]: Case['args']): number {
  return tf.tidy(() => {
    const x = tf.zeros([1, size, 1, 1]) as import('@tensorflow/tfjs-core').Tensor4D;
    const f = tf.zeros([kernel, 1, 1, 1]) as import('@tensorflow/tfjs-core').Tensor4D;
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [padding, padding], [0, 0], [0, 0]];
    return tf.conv2d(x, f, [stride, 1], pad).shape[1];
  });
}

const describe = ([size, padding, kernel, stride]: Case['args']) => `H = ${size}, P = ${padding}, FH = ${kernel}, S = ${stride}`;

export default defineGrader({
  checks: [
    ...CASES.map((c) =>
      expectValues({
        id: `size.${c.id}`,
        title: `출력 크기 (${describe(c.args)})`,
        call: { name: 'outputSize', args: c.args },
        expected: (context) => tfOutputSize(context, c.args),
        tolerance: 0,
        hint: c.hint,
      }),
    ),
    ...CASES.map((c) => {
      const learnerCall = call(`exact.${c.id}`, 'dividesEvenly', c.args);
      const title = `나누어떨어지는가 (${describe(c.args)})`;
      return customCheck(
        `exact.${c.id}`,
        title,
        (context): Omit<CheckResult, 'id' | 'title'> => {
          const [size, padding, kernel, stride] = c.args;
          // Exact when TF.js's last window ends on the padded input's last row: nothing was floored away.
          const expected = (tfOutputSize(context, c.args) - 1) * stride + kernel === size + 2 * padding;
          const got = context.values?.[learnerCall.key];
          const passed = got === expected;
          return { passed, message: `${title}: dividesEvenly() → ${String(got)}`, expected: String(expected), actual: String(got), ...(passed ? {} : { hint: `(H + 2P − FH) % S === 0인지 보세요. ${c.hint}` }) };
        },
        { calls: [learnerCall] },
      );
    }),
    ...[1, 3, 5, 7].map((kernel) =>
      expectValues({
        id: `same.${kernel}`,
        title: `보폭 1에서 크기를 유지하는 패딩 (FH = ${kernel})`,
        call: { name: 'samePadding', args: [kernel] },
        // The padding P for which TF.js gives an output as large as its input (28).
        expected: (context) => [0, 1, 2, 3, 4].find((p) => tfOutputSize(context, [28, p, kernel, 1]) === 28) ?? -1,
        tolerance: 0,
        hint: 'n + 2p − k + 1 = n에서 p = (k − 1) / 2입니다.',
      }),
    ),
  ],
});

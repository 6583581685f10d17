import type * as tfCore from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { call, defineGrader, type CheckResult, type GraderCall } from '../../../graders/types.ts';
import { customCheck, expectValues } from '../../../graders/checks.ts';

/**
 * Document 002 8.6 (손실 함수): cross-entropy e = −Σ y_i log(o_i) (eq. 8.1, averaged over a
 * mini-batch) and the focal loss of Lin et al. 2017 (arXiv 1708.02002), FL(p_t) = −α_t (1 − p_t)^γ log(p_t).
 * Probabilities are clipped to [ε, 1 − ε] with ε = 1e-7, Keras's `backend.epsilon()`, so that
 * p = 0 or 1 gives a large finite loss instead of Infinity or NaN.
 *
 * The expected values are computed here with TF.js ops (`tf.clipByValue`, `tf.log`, `tf.pow`) in
 * float32; for γ = 0 the focal loss is α_t times TF.js's own `tf.metrics.binaryCrossentropy`.
 * The focal loss clips p_t rather than p: the two are the same interval, but in float32
 * 1 − ε rounds to 1 − 1.19e-7, so 1 − clip(p) would give −log(1.19e-7) = 15.94 instead of 16.12.
 */
const EPSILON = 1e-7;

// ---------------------------------------------------------------- cross-entropy

/** −Σ y_i log(clip(o_i)) over the last axis, by TF.js ops. */
function tfCrossEntropy(tf: typeof tfCore, y: tfCore.Tensor, o: tfCore.Tensor): tfCore.Tensor {
  return tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(o, EPSILON, 1 - EPSILON))), -1));
}

const oneHot = (c: number, index: number) => Array.from({ length: c }, (_, i) => (i === index ? 1 : 0));

/** The course's c = 5 example: the label is class 2 (1-based, as in eq. 8.1). */
const Y = oneHot(5, 1);
const O_RIGHT = [0.1, 0.7, 0.1, 0.05, 0.05]; // o close to y: the network is right
const O_WRONG = [0.5, 0.1, 0.2, 0.1, 0.1]; // o far from y: the network is wrong

const CE_CASES: { id: string; title: string; y: number[]; o: number[]; hint: string }[] = [
  { id: 'ce.example-right', title: 'c = 5, 맞힌 경우: o = (0.1, 0.7, 0.1, 0.05, 0.05)', y: Y, o: O_RIGHT, hint: '원-핫 y에서는 정답 부류의 항만 남아 e = −log(0.7)입니다. 자연로그(Math.log)를 쓰고 앞에 −를 붙이세요.' },
  { id: 'ce.example-wrong', title: 'c = 5, 틀린 경우: o = (0.5, 0.1, 0.2, 0.1, 0.1)', y: Y, o: O_WRONG, hint: '정답 부류의 확률이 0.1이므로 e = −log(0.1)입니다.' },
  { id: 'ce.soft-label', title: '원-핫이 아닌 y (레이블 스무딩)', y: [0.025, 0.9, 0.025, 0.025, 0.025], o: O_RIGHT, hint: '식 8.1은 모든 부류 i에 대한 합입니다. 정답 부류의 항만 계산하지 말고 y_i·log(o_i)를 모두 더하세요.' },
  { id: 'ce.ten-classes', title: 'c = 10', y: oneHot(10, 6), o: [0.02, 0.03, 0.05, 0.1, 0.05, 0.05, 0.6, 0.04, 0.03, 0.03], hint: '부류 수 c는 배열의 길이입니다.' },
  { id: 'ce.certain-right', title: '확신하고 맞힌 경우: o = (0, 1, 0, 0, 0)', y: Y, o: [0, 1, 0, 0, 0], hint: 'o_i = 0이면 log(0) = −∞이고, y_i = 0이어도 0 × (−∞) = NaN입니다. log에 넣기 전에 o_i를 [ε, 1 − ε]로 자르세요.' },
  { id: 'ce.certain-wrong', title: '확신하고 틀린 경우: o = (1, 0, 0, 0, 0)', y: Y, o: [1, 0, 0, 0, 0], hint: '정답 부류의 확률이 0이면 −log(0) = ∞입니다. ε = 1e-7로 자르면 −log(1e-7) ≈ 16.118이 됩니다.' },
  { id: 'ce.tiny', title: '정답 부류의 확률이 1e-12', y: Y, o: [1 - 1e-12, 1e-12, 0, 0, 0], hint: '1e-12처럼 ε보다 작은 확률도 ε로 올려 잘라야 합니다(자르지 않으면 −log(1e-12) ≈ 27.6).' },
  { id: 'ce.near-one', title: '정답 부류의 확률이 1 − 1e-12', y: Y, o: [1e-12, 1 - 1e-12, 0, 0, 0], hint: '1 − ε보다 큰 확률은 1 − ε로 내려 자릅니다.' },
];

const BATCH_CASES: { id: string; title: string; ys: number[][]; os: number[][]; hint: string }[] = [
  { id: 'ce.batch', title: '미니 배치 평균: 맞힌 샘플과 틀린 샘플', ys: [Y, Y], os: [O_RIGHT, O_WRONG], hint: '손실 함수로 쓸 때는 미니 배치의 샘플마다 e를 구해 평균합니다(합이 아닙니다).' },
  {
    id: 'ce.batch-extreme',
    title: '미니 배치 평균: 0과 1이 섞인 확률',
    ys: [oneHot(3, 0), oneHot(3, 2), oneHot(3, 1), oneHot(3, 2)],
    os: [[1, 0, 0], [0.2, 0.3, 0.5], [1, 0, 0], [0, 1e-12, 1 - 1e-12]],
    hint: '샘플마다 crossEntropy()를 써서 잘린 확률로 계산한 뒤 평균하세요.',
  },
];

// ---------------------------------------------------------------- focal loss

type FocalArgs = [p: number, y: 0 | 1, gamma: number, alpha: number];

/** −α_t (1 − p_t)^γ log(p_t), p_t clipped to [ε, 1 − ε], by TF.js ops (float32). */
function tfFocal(tf: typeof tfCore, [p, y, gamma, alpha]: FocalArgs): number {
  return tf.tidy(() => {
    const label = tf.scalar(y);
    const prob = tf.scalar(p);
    const pt = tf.clipByValue(tf.add(tf.mul(label, prob), tf.mul(tf.sub(1, label), tf.sub(1, prob))), EPSILON, 1 - EPSILON);
    const alphaT = tf.add(tf.mul(label, alpha), tf.mul(tf.sub(1, label), 1 - alpha));
    return tf.neg(tf.mul(tf.mul(alphaT, tf.pow(tf.sub(1, pt), gamma)), tf.log(pt))).dataSync()[0]!;
  });
}

/** γ = 0: α_t times TF.js's own binary cross-entropy (the focal factor is 1). */
function tfFocalGamma0(tf: typeof tfCore, [p, y, , alpha]: FocalArgs): number {
  return tf.tidy(() => {
    const bce = tfl.metrics.binaryCrossentropy(tf.tensor1d([y]), tf.tensor1d([p])).dataSync()[0]!;
    return (y === 1 ? alpha : 1 - alpha) * bce;
  });
}

const grid = (gammas: number[], alphas: number[], ys: (0 | 1)[], ps: number[]): FocalArgs[] =>
  gammas.flatMap((gamma) => alphas.flatMap((alpha) => ys.flatMap((y) => ps.map((p): FocalArgs => [p, y, gamma, alpha]))));

const ALPHAS = [0.25, 0.5, 0.75];
const PS = [0.05, 0.3, 0.7, 0.99];
const BOTH: (0 | 1)[] = [0, 1];

const FOCAL_GROUPS: { id: string; title: string; cases: FocalArgs[]; reference?: 'bce'; tolerance?: number; hint: string }[] = [
  {
    id: 'focal.lesson',
    title: 'γ = 2, α = 0.25 (논문의 기본값): p_t = 0.9와 0.1',
    cases: [[0.9, 1, 2, 0.25], [0.1, 1, 2, 0.25], [0.1, 0, 2, 0.25], [0.9, 0, 2, 0.25]],
    hint: 'y = 1이면 p_t = p, α_t = α이고, y = 0이면 p_t = 1 − p, α_t = 1 − α입니다. FL = −α_t (1 − p_t)^γ log(p_t).',
  },
  {
    id: 'focal.gamma0',
    title: 'γ = 0이면 α_t × 교차 엔트로피 (tf.metrics.binaryCrossentropy와 비교)',
    cases: grid([0], ALPHAS, BOTH, [0.2, 0.6, 0.95]),
    reference: 'bce',
    hint: 'γ = 0이면 (1 − p_t)^0 = 1이라 FL = −α_t log(p_t), 곧 이진 교차 엔트로피에 α_t를 곱한 값입니다. α = 0.5이면 정확히 절반입니다.',
  },
  { id: 'focal.gamma-half', title: 'γ = 0.5, α ∈ {0.25, 0.5, 0.75}, y ∈ {0, 1}', cases: grid([0.5], ALPHAS, BOTH, PS), hint: '(1 − p_t)^γ는 Math.pow(1 − pt, gamma) 또는 (1 − pt) ** gamma로 구합니다.' },
  { id: 'focal.gamma1', title: 'γ = 1, α ∈ {0.25, 0.5, 0.75}, y ∈ {0, 1}', cases: grid([1], ALPHAS, BOTH, PS), hint: 'α_t는 y = 1이면 α, y = 0이면 1 − α입니다. α를 반대 부류에 곱하지 않았는지 확인하세요.' },
  { id: 'focal.gamma2', title: 'γ = 2, α ∈ {0.25, 0.5, 0.75}, y ∈ {0, 1}', cases: grid([2], ALPHAS, BOTH, PS), hint: '조절 인자는 (1 − p)^γ가 아니라 (1 − p_t)^γ입니다. y = 0이면 1 − p_t = p입니다.' },
  { id: 'focal.gamma5', title: 'γ = 5, α ∈ {0.25, 0.5, 0.75}, y ∈ {0, 1}', cases: grid([5], ALPHAS, BOTH, PS), hint: 'γ가 클수록 잘 맞힌 샘플(p_t가 1에 가까운)의 손실이 더 빨리 0으로 줄어듭니다.' },
  {
    id: 'focal.p0',
    title: 'p = 0 (자르지 않으면 log(0) = −∞)',
    cases: [[0, 1, 0, 0.5], [0, 1, 2, 0.25], [0, 1, 5, 0.75], [0, 0, 2, 0.25], [0, 0, 0, 0.5]],
    hint: 'p_t를 [ε, 1 − ε] (ε = 1e-7)로 자른 뒤 log를 구하세요. y = 1, p = 0이면 −α log(1e-7) ≈ 16.118α입니다.',
  },
  {
    id: 'focal.p1',
    title: 'p = 1 (y = 0이면 p_t = 0)',
    cases: [[1, 0, 0, 0.5], [1, 0, 2, 0.25], [1, 0, 5, 0.75], [1, 1, 2, 0.25], [1, 1, 0.5, 0.5]],
    hint: 'y = 0, p = 1이면 p_t = 1 − p = 0입니다. 이때도 p_t를 ε로 올려 잘라야 합니다.',
  },
  {
    id: 'focal.tiny',
    title: 'p = 1e-12와 1 − 1e-12',
    cases: [[1e-12, 1, 2, 0.25], [1 - 1e-12, 0, 2, 0.25], [1e-12, 0, 2, 0.25], [1 - 1e-12, 1, 1, 0.75], [1e-12, 1, 0, 0.5]],
    hint: 'ε보다 작은 p_t(1e-12)는 ε로, 1 − ε보다 큰 p_t는 1 − ε로 자릅니다. 자르지 않으면 −log(1e-12) ≈ 27.6이 됩니다.',
  },
];

const focalKey = (groupId: string, index: number) => `${groupId}#${index + 1}`;
const show = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : (JSON.stringify(v) ?? 'undefined'));
const showArgs = ([p, y, gamma, alpha]: FocalArgs) => `focalLoss(${p}, ${y}, ${gamma}, ${alpha})`;

/** Every case of a group must match within an absolute tolerance that grows with the value (float32 reference). */
function focalGroupCheck(group: (typeof FOCAL_GROUPS)[number]) {
  const calls: GraderCall[] = group.cases.map((args, i) => call(focalKey(group.id, i), 'focalLoss', args));
  return customCheck(
    group.id,
    `초점 손실: ${group.title}`,
    (context): Omit<CheckResult, 'id' | 'title'> => {
      let worst = 0;
      for (const [i, args] of group.cases.entries()) {
        const expected = group.reference === 'bce' ? tfFocalGamma0(context.tf, args) : tfFocal(context.tf, args);
        const got = context.values?.[calls[i]!.key];
        const diff = typeof got === 'number' ? Math.abs(got - expected) : Number.NaN;
        const tolerance = 1e-5 * Math.max(1, Math.abs(expected));
        if (!(diff <= tolerance)) {
          return {
            passed: false,
            message: `${showArgs(args)}의 결과가 ${show(got)}입니다 (기댓값 ${show(expected)}, 경우 ${group.cases.length}개 중 ${i + 1}번째).`,
            expected: show(expected),
            actual: show(got),
            hint: group.hint,
          };
        }
        worst = Math.max(worst, diff);
      }
      return { passed: true, message: `${group.cases.length}개 경우가 모두 기댓값과 일치합니다 (최대 오차 ${worst.toExponential(1)}).` };
    },
    { calls },
  );
}

export default defineGrader({
  checks: [
    ...CE_CASES.map((c) =>
      expectValues({
        id: c.id,
        title: `교차 엔트로피: ${c.title}`,
        call: { name: 'crossEntropy', args: [c.y, c.o] },
        expected: ({ tf }) => tf.tidy(() => tfCrossEntropy(tf, tf.tensor1d(c.y), tf.tensor1d(c.o)).dataSync()[0]!),
        tolerance: 1e-5,
        hint: c.hint,
      }),
    ),
    ...BATCH_CASES.map((c) =>
      expectValues({
        id: c.id,
        title: `교차 엔트로피: ${c.title}`,
        call: { name: 'meanCrossEntropy', args: [c.ys, c.os] },
        expected: ({ tf }) => tf.tidy(() => tf.mean(tfCrossEntropy(tf, tf.tensor2d(c.ys), tf.tensor2d(c.os))).dataSync()[0]!),
        tolerance: 1e-5,
        hint: c.hint,
      }),
    ),
    ...FOCAL_GROUPS.map(focalGroupCheck),
  ],
});

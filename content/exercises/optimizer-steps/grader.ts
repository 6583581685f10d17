import type * as tfCore from '@tensorflow/tfjs-core';
import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 002 8.6 (옵티마이저): SGD W ← W − ρ ∂J/∂W, momentum V ← αV − ρ ∂J/∂W, W ← W + V (eq. 8.5),
 * and Adam, with Keras's default arguments. The learner applies a fixed list of gradients step by
 * step; the grader feeds the same gradients to TF.js's own optimizers (`tf.train.sgd`,
 * `tf.train.momentum`, `tf.train.adam`) with `applyGradients` on a `tf.variable` and reads the
 * weights after every step.
 *
 * TF.js momentum keeps a = α·a + g and steps W ← W − ρ·a: the same as Keras's V = αV − ρg,
 * W ← W + V with V = −ρ·a. TF.js Adam is Algorithm 1 of Kingma & Ba: W ← W − ρ·m̂ / (√v̂ + ε)
 * with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t). Keras adds its ε to √v instead (the paper's
 * "epsilon hat": W ← W − ρ·√(1 − β2^t) / (1 − β1^t) · m / (√v + ε)), which differs only when
 * |g| is near ε; `adam.tiny-gradients` tells the two apart, and the learner must match TF.js.
 */
type Optimizer = 'sgd' | 'momentum' | 'adam';

interface Case {
  id: string;
  title: string;
  optimizer: Optimizer;
  w0: number[];
  grads: number[][];
  /** learningRate, momentum (momentum) or learningRate, beta1, beta2, epsilon (adam). */
  args: number[];
  hint: string;
}

/** Weights after each step, from TF.js's optimizer fed the same gradients. */
function tfSteps(tf: typeof tfCore, c: Case): number[][] {
  const [learningRate = 0, second = 0, beta2 = 0, epsilon = 0] = c.args;
  const optimizer =
    c.optimizer === 'sgd' ? tf.train.sgd(learningRate) : c.optimizer === 'momentum' ? tf.train.momentum(learningRate, second) : tf.train.adam(learningRate, second, beta2, epsilon);
  const w = tf.tidy(() => tf.variable(tf.tensor1d(c.w0)));
  const history: number[][] = [];
  try {
    for (const g of c.grads) {
      tf.tidy(() => optimizer.applyGradients([{ name: w.name, tensor: tf.tensor1d(g) }]));
      history.push(Array.from(w.dataSync()));
    }
  } finally {
    optimizer.dispose();
    w.dispose();
  }
  return history;
}

const W0 = [0.5, -1.2, 2.0];
const G1 = [0.3, -0.8, 1.5];
/** Five steps of gradients that shrink and change sign, as near a minimum. */
const VARYING = [
  [0.3, -0.8, 1.5],
  [0.25, -0.5, 1.1],
  [0.1, -0.2, 0.6],
  [-0.05, 0.1, 0.2],
  [-0.1, 0.15, -0.1],
];
/** Gradients whose signs keep flipping (an oscillating valley). */
const ZIGZAG = [
  [1.0, -0.5, 0.2],
  [-0.8, 0.6, 0.2],
  [0.9, -0.4, -0.3],
  [-0.7, 0.5, 0.25],
  [0.6, -0.45, -0.2],
  [-0.5, 0.4, 0.15],
];

const KERAS_ADAM = [0.001, 0.9, 0.999, 1e-7]; // keras.optimizers.Adam() defaults

const CASES: Case[] = [
  // SGD: keras.optimizers.SGD(learning_rate=0.01, momentum=0.0), compared with tf.train.sgd.
  { id: 'sgd.one-step', title: 'SGD(learning_rate=0.01), 1스텝', optimizer: 'sgd', w0: W0, grads: [G1], args: [0.01, 0], hint: 'momentum = 0이면 V = −ρ·g이므로 W ← W − ρ·∂J/∂W, 고전적인 SGD입니다.' },
  { id: 'sgd.five-steps', title: 'SGD(learning_rate=0.1), 5스텝', optimizer: 'sgd', w0: [1.0, -0.5, 0.25], grads: VARYING, args: [0.1, 0], hint: '스텝마다 그 스텝의 그레이디언트 grads[t]로 갱신하고, 갱신된 가중치를 기록하세요.' },
  // Momentum: keras.optimizers.SGD(learning_rate, momentum), compared with tf.train.momentum.
  { id: 'momentum.first-step', title: '모멘텀 0.9, 1스텝', optimizer: 'momentum', w0: W0, grads: [G1], args: [0.01, 0.9], hint: 'V는 0에서 시작하므로 첫 스텝은 V = −ρ·g, W ← W + V입니다. 부호를 확인하세요: 가중치는 그레이디언트의 반대 방향으로 움직입니다.' },
  { id: 'momentum.constant-gradient', title: '모멘텀 0.9, 같은 그레이디언트 5스텝', optimizer: 'momentum', w0: [0, 0], grads: Array.from({ length: 5 }, () => [1, -2]), args: [0.01, 0.9], hint: '같은 그레이디언트가 이어지면 V가 −ρg, −1.9ρg, −2.71ρg, …로 커집니다. V를 스텝 사이에 유지하세요.' },
  { id: 'momentum.varying', title: '모멘텀 0.9, 줄어드는 그레이디언트 5스텝', optimizer: 'momentum', w0: W0, grads: VARYING, args: [0.01, 0.9], hint: 'V ← αV − ρ·g를 먼저 구하고, 그 새 V로 W ← W + V입니다.' },
  { id: 'momentum.sign-changes', title: '모멘텀 0.9, 부호가 바뀌는 그레이디언트 6스텝', optimizer: 'momentum', w0: W0, grads: ZIGZAG, args: [0.1, 0.9], hint: '부호가 바뀌면 이전 속도 αV가 새 그레이디언트를 일부 상쇄합니다.' },
  { id: 'momentum.half', title: '모멘텀 0.5, 학습률 0.05, 4스텝', optimizer: 'momentum', w0: [2.0, -1.0], grads: [[1.2, -0.4], [0.8, -0.6], [-0.3, 0.2], [0.5, 0.1]], args: [0.05, 0.5], hint: 'α = momentum, ρ = learningRate입니다. 두 값을 바꿔 쓰지 않았는지 확인하세요.' },
  // Adam: keras.optimizers.Adam defaults and others, compared with tf.train.adam.
  { id: 'adam.one-step', title: 'Adam 기본값, 1스텝', optimizer: 'adam', w0: W0, grads: [G1], args: KERAS_ADAM, hint: '첫 스텝에서 m = (1 − β1)g, v = (1 − β2)g²이고, 편향 보정 m̂ = m / (1 − β1), v̂ = v / (1 − β2)를 하면 m̂ / √v̂ = ±1이라 각 가중치가 거의 정확히 ρ만큼 움직입니다.' },
  { id: 'adam.five-steps', title: 'Adam 기본값, 5스텝', optimizer: 'adam', w0: W0, grads: VARYING, args: KERAS_ADAM, hint: '1차 모멘트 m은 β1로, 2차 모멘트 v는 β2로 갱신하고, 스텝 t(1부터)의 보정은 1 − β1^t, 1 − β2^t로 나눕니다.' },
  { id: 'adam.sign-changes', title: 'Adam 기본값, 부호가 바뀌는 그레이디언트 6스텝', optimizer: 'adam', w0: W0, grads: ZIGZAG, args: KERAS_ADAM, hint: 'm과 v는 스텝 사이에 유지되고, 매 스텝 보정된 m̂, v̂로 갱신합니다.' },
  { id: 'adam.other-args', title: 'Adam(learning_rate=0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-6), 6스텝', optimizer: 'adam', w0: [1.5, -0.3], grads: [[0.5, -0.2], [0.4, 0.1], [0.2, 0.3], [-0.1, 0.2], [-0.3, -0.1], [0.05, -0.25]], args: [0.01, 0.8, 0.99, 1e-6], hint: '인자 이름과 순서를 확인하세요: (learningRate, beta1, beta2, epsilon).' },
  { id: 'adam.small-gradients', title: 'Adam 기본값, 작은 그레이디언트(10⁻⁴ 정도) 5스텝', optimizer: 'adam', w0: W0, grads: [[2e-4, -1e-4, 5e-5], [1.5e-4, -1.2e-4, 4e-5], [1e-4, -8e-5, 6e-5], [5e-5, -1e-4, 2e-5], [8e-5, -6e-5, 3e-5]], args: KERAS_ADAM, hint: 'ε은 제곱근 밖에서 더합니다: √v̂ + ε. √(v̂ + ε)로 쓰면 v̂가 ε보다 작을 때 스텝이 크게 줄어듭니다.' },
  { id: 'adam.tiny-gradients', title: 'Adam 기본값, ε과 비슷한 그레이디언트(10⁻⁷) 3스텝', optimizer: 'adam', w0: W0, grads: [[1e-7, -1e-7, 2e-7], [1e-7, -2e-7, 1e-7], [2e-7, -1e-7, 1e-7]], args: KERAS_ADAM, hint: 'TF.js처럼 보정된 v̂의 제곱근에 ε을 더하세요: ρ·m̂ / (√v̂ + ε). Keras식으로 보정 전의 √v에 ε을 더하면 여기서 값이 달라집니다.' },
];

export default defineGrader({
  checks: CASES.map((c) =>
    expectValues({
      id: c.id,
      title: c.title,
      call: c.optimizer === 'adam' ? { name: 'adamSteps', args: [c.w0, c.grads, ...c.args] } : { name: 'momentumSteps', args: [c.w0, c.grads, ...c.args] },
      expected: ({ tf }) => tfSteps(tf, c),
      tolerance: 1e-5,
      hint: c.hint,
    }),
  ),
});

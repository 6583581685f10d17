import type * as tfCore from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { call, defineGrader, type CheckResult } from '../../../graders/types.ts';
import { customCheck } from '../../../graders/checks.ts';

/**
 * Document 002 8.6 (조기 멈춤): Keras's EarlyStopping(monitor='val_loss', mode='min', min_delta,
 * patience, restore_best_weights) on scripted validation-loss sequences.
 *
 * The expected epochs come from TF.js's own `tf.callbacks.earlyStopping`: a one-weight model is
 * fitted for `losses.length` epochs, a callback before it writes the scripted loss into the
 * epoch's logs as `val_loss`, and the number of epochs `fit` ran is the stopped epoch. TF.js has
 * no restore_best_weights, so the best epoch (the one Keras restores) is read from the callback
 * itself: an epoch counted as an improvement exactly when the callback's wait counter is 0 after
 * it, and Keras's `best_epoch` is the last such epoch. Keras 3 restores it at the end of training
 * whether or not training stopped early.
 */
interface Options {
  minDelta: number;
  patience: number;
  restoreBest: boolean;
}
interface Outcome {
  stoppedEpoch: number;
  keptEpoch: number;
}

/** Runs TF.js's EarlyStopping inside a real `fit` on the scripted losses. */
async function tfEarlyStopping(tf: typeof tfCore, losses: number[], options: Options): Promise<Outcome> {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1] })] });
  const optimizer = tf.train.sgd(0);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const earlyStopping = tfl.callbacks.earlyStopping({ monitor: 'val_loss', mode: 'min', minDelta: options.minDelta, patience: options.patience });
  let bestEpoch = 0;
  class ScriptedValidationLoss extends tfl.Callback {
    override async onEpochEnd(epoch: number, logs?: tfl.Logs): Promise<void> {
      if (logs) logs['val_loss'] = losses[epoch]!;
    }
  }
  class BestEpoch extends tfl.Callback {
    override async onEpochEnd(epoch: number): Promise<void> {
      if ((earlyStopping as unknown as { wait: number }).wait === 0) bestEpoch = epoch + 1;
    }
  }
  const xs = tf.tensor2d([[1]]);
  const ys = tf.tensor2d([[1]]);
  try {
    const history = await model.fit(xs, ys, { epochs: losses.length, verbose: 0, yieldEvery: 'never', callbacks: [new ScriptedValidationLoss(), earlyStopping, new BestEpoch()] });
    const stoppedEpoch = history.epoch.length;
    return { stoppedEpoch, keptEpoch: options.restoreBest ? bestEpoch : stoppedEpoch };
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
    optimizer.dispose();
  }
}

const U_CURVE = [0.9, 0.7, 0.6, 0.55, 0.57, 0.6, 0.64, 0.7, 0.75, 0.8];
const TINY_STEPS = [0.5, 0.495, 0.492, 0.4905, 0.489, 0.4885, 0.488];

const CASES: { id: string; title: string; losses: number[]; options: Options; hint: string }[] = [
  { id: 'es.steady-decrease', title: '계속 줄어드는 손실 (patience 2)', losses: [1.0, 0.8, 0.65, 0.55, 0.48, 0.43, 0.4, 0.38], options: { minDelta: 0, patience: 2, restoreBest: true }, hint: '손실이 매번 줄면 멈추지 않습니다. 그때 stoppedEpoch는 마지막 에포크(losses.length)입니다.' },
  { id: 'es.overfitting', title: '4번째 에포크 뒤 과잉 적합 (patience 3, 마지막 가중치)', losses: U_CURVE, options: { minDelta: 0, patience: 3, restoreBest: false }, hint: '개선이 없는 에포크가 patience번 이어진 그 에포크에서 멈춥니다(4번째가 최저이면 5, 6, 7번째가 개선 없음 → 7에서 멈춤).' },
  { id: 'es.restore-best', title: '같은 손실, restoreBest: true', losses: U_CURVE, options: { minDelta: 0, patience: 3, restoreBest: true }, hint: 'restoreBest이면 멈춘 에포크가 아니라 가장 좋았던(마지막으로 개선된) 에포크의 가중치를 남깁니다.' },
  { id: 'es.plateau-exact', title: '똑같은 값이 이어지는 손실 (min_delta 0, patience 2)', losses: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], options: { minDelta: 0, patience: 2, restoreBest: true }, hint: '개선은 loss < best − min_delta일 때뿐입니다. 같은 값(≤)은 개선이 아닙니다.' },
  { id: 'es.min-delta-boundary', title: '정확히 min_delta만큼 준 손실 (min_delta 0.125, patience 1)', losses: [1, 0.875, 0.75, 0.625, 0.5625, 0.5, 0.4375], options: { minDelta: 0.125, patience: 1, restoreBest: true }, hint: '1 − 0.125 = 0.875이므로 0.875는 개선이 아닙니다: best − min_delta보다 엄격하게 작아야(<) 합니다.' },
  { id: 'es.tiny-improvements', title: 'min_delta보다 작게만 줄어드는 손실 (min_delta 0.01, patience 3)', losses: TINY_STEPS, options: { minDelta: 0.01, patience: 3, restoreBest: true }, hint: '0.5에서 0.495로 준 것은 min_delta 0.01보다 작은 개선이라 개선으로 치지 않습니다.' },
  { id: 'es.negative-min-delta', title: 'min_delta를 음수(−0.01)로 준 경우', losses: TINY_STEPS, options: { minDelta: -0.01, patience: 3, restoreBest: true }, hint: 'Keras와 TF.js는 min_delta의 절댓값을 씁니다(Math.abs).' },
  { id: 'es.noisy', title: '오르내리는 손실 (patience 3)', losses: [1.0, 0.9, 0.95, 0.85, 0.88, 0.8, 0.82, 0.83, 0.78, 0.79, 0.8, 0.81, 0.82], options: { minDelta: 0, patience: 3, restoreBest: true }, hint: '개선될 때마다 기다린 횟수(wait)를 0으로 되돌립니다. 개선 없는 에포크가 “연속으로” patience번이어야 멈춥니다.' },
  { id: 'es.late-best', title: '늦게 나온 최저점 (patience 3)', losses: [0.9, 0.85, 0.86, 0.87, 0.84, 0.85, 0.86, 0.83, 0.9, 0.91, 0.92, 0.93], options: { minDelta: 0, patience: 3, restoreBest: true }, hint: '최저점이 8번째 에포크에 나오고, 그 뒤 세 번 개선이 없어 11번째에서 멈춥니다.' },
  { id: 'es.restore-min-delta', title: 'min_delta보다 작은 개선은 복원 대상이 아님 (min_delta 0.01)', losses: [0.6, 0.5, 0.495, 0.497, 0.499, 0.51], options: { minDelta: 0.01, patience: 3, restoreBest: true }, hint: '복원되는 것은 best가 마지막으로 바뀐(min_delta를 넘겨 개선된) 에포크입니다. 0.495는 가장 낮지만 0.5보다 0.01 넘게 줄지 않아 best가 아닙니다.' },
  { id: 'es.patience0', title: 'patience 0', losses: [0.9, 0.8, 0.85, 0.7], options: { minDelta: 0, patience: 0, restoreBest: false }, hint: 'patience 0이면 처음으로 개선이 없는 에포크에서 바로 멈춥니다(개선된 에포크에서는 멈추지 않습니다).' },
  { id: 'es.patience1', title: 'patience 1', losses: [0.9, 0.8, 0.79, 0.81, 0.7, 0.69], options: { minDelta: 0, patience: 1, restoreBest: true }, hint: 'wait를 1 늘린 뒤 wait ≥ patience이면 멈춥니다.' },
  { id: 'es.never-stops-restore', title: '멈추지 않아도 restoreBest이면 최고 에포크로 (patience 10)', losses: [0.7, 0.6, 0.62, 0.61, 0.63, 0.64], options: { minDelta: 0, patience: 10, restoreBest: true }, hint: 'Keras 3은 학습이 끝날 때 (조기에 멈추지 않았더라도) 가장 좋았던 에포크의 가중치를 복원합니다.' },
  { id: 'es.single-epoch', title: '에포크 하나', losses: [0.5], options: { minDelta: 0, patience: 0, restoreBest: true }, hint: '첫 에포크는 best = ∞보다 작으므로 항상 개선입니다.' },
];

const show = (o: Outcome) => `stoppedEpoch ${o.stoppedEpoch}, keptEpoch ${o.keptEpoch}`;

/** The learner's result as an `Outcome`, or undefined when it does not have that form. */
function asOutcome(value: unknown): Outcome | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { stoppedEpoch, keptEpoch } = value as Record<string, unknown>;
  if (typeof stoppedEpoch !== 'number' || typeof keptEpoch !== 'number') return undefined;
  return { stoppedEpoch, keptEpoch };
}

export default defineGrader({
  checks: CASES.map((c) => {
    const learnerCall = call(c.id, 'earlyStopping', [c.losses, c.options]);
    const { minDelta, patience, restoreBest } = c.options;
    const title = `${c.title} — min_delta ${minDelta}, patience ${patience}, restoreBest ${restoreBest}`;
    return customCheck(
      c.id,
      title,
      async (context): Promise<Omit<CheckResult, 'id' | 'title'>> => {
        const expected = await tfEarlyStopping(context.tf, c.losses, c.options);
        const returned = context.values?.[learnerCall.key];
        const got = asOutcome(returned);
        const sequence = `검증 손실 [${c.losses.join(', ')}]`;
        if (!got) {
          return { passed: false, message: `${sequence}: earlyStopping()이 { stoppedEpoch, keptEpoch } 객체를 반환하지 않았습니다.`, expected: show(expected), actual: JSON.stringify(returned)?.slice(0, 60) ?? 'undefined', hint: c.hint };
        }
        if (got.stoppedEpoch === expected.stoppedEpoch && got.keptEpoch === expected.keptEpoch) {
          return { passed: true, message: `${sequence}: ${show(got)}`, expected: show(expected), actual: show(got) };
        }
        const wrong =
          got.stoppedEpoch !== expected.stoppedEpoch
            ? `멈춘 에포크가 ${got.stoppedEpoch}입니다 (기댓값 ${expected.stoppedEpoch}).`
            : `남긴 가중치의 에포크가 ${got.keptEpoch}입니다 (기댓값 ${expected.keptEpoch}).`;
        return { passed: false, message: `${sequence}: ${wrong}`, expected: show(expected), actual: show(got), hint: c.hint };
      },
      { calls: [learnerCall] },
    );
  }),
});

import type * as tfCore from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 000 4.4 (드롭아웃): a layer's output [0.2, 0.5, 1.3, 0.8, 1.1] becomes
 * [0, 0.5, 1.3, 0, 1.1]. The document shows only the zeroing; Keras and TF.js also divide what is
 * kept by 1 − rate while training (inverted dropout; tfjs-core `dropout`: x · floor(u + keep) / keep)
 * and leave the input as it is at inference.
 *
 * The expected values are what `tf.layers.dropout` itself gives. A mask cannot be handed to the
 * layer, so each case names a seed for which the layer draws exactly the mask the learner is given
 * (found once by trying seeds; seed 40 at rate 0.5 zeroes the document's two values). Before
 * trusting it, the grader checks that the layer still draws that mask: if a TF.js update changed
 * its random numbers, the check errors here instead of grading against a different mask.
 */
type Vector = { $tensor: { shape: number[]; values: number[] } };
const tensor = (shape: number[], values: number[]): Vector => ({ $tensor: { shape, values } });

interface Case {
  id: string;
  title: string;
  x: Vector;
  mask: Vector;
  rate: number;
  /** The seed for which `tf.layers.dropout({ rate, seed })` draws `mask`. */
  seed: number;
  training: boolean;
  hint: string;
}

const DOCUMENT = tensor([5], [0.2, 0.5, 1.3, 0.8, 1.1]);
const DOCUMENT_MASK = tensor([5], [0, 1, 1, 0, 1]);

const CASES: Case[] = [
  {
    id: 'dropout.document',
    title: '문서의 벡터, rate 0.5, 훈련 중',
    x: DOCUMENT,
    mask: DOCUMENT_MASK,
    rate: 0.5,
    seed: 40,
    training: true,
    hint: '문서의 그림은 0으로 만드는 것만 보여 줍니다. 케라스와 TF.js는 훈련 때 남은 값을 1 − rate로 나눕니다: 0.5 → 1.0, 1.3 → 2.6.',
  },
  {
    id: 'dropout.rate',
    title: '2×5 출력, rate 0.2, 훈련 중',
    x: tensor([2, 5], [0.3, -1.2, 0.7, 2, 0, 1.5, 0.4, -0.6, 0.9, 0.25]),
    mask: tensor([2, 5], [1, 1, 0, 1, 0, 1, 0, 1, 1, 1]),
    rate: 0.2,
    seed: 3,
    training: true,
    hint: '남은 값에 곱하는 수는 1 / (1 − rate)입니다. rate가 0.2이면 1.25배이고, 1 / rate = 5배가 아닙니다.',
  },
  {
    id: 'dropout.inference',
    title: '문서의 벡터, rate 0.5, 추론(예측) 중',
    x: DOCUMENT,
    mask: DOCUMENT_MASK,
    rate: 0.5,
    seed: 40,
    training: false,
    hint: '훈련 때 이미 1 − rate로 나눠 두었으므로, 추론 때는 값을 지우지도 줄이지도 않고 입력을 그대로 돌려줍니다.',
  },
];

const sameMask = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** What `tf.layers.dropout` outputs for the case, after making sure it draws the case's mask. */
function layerOutput({ tf }: GradingContext, c: Case): number[] | number[][] {
  return tf.tidy(() => {
    const x = tf.tensor(c.x.$tensor.values, c.x.$tensor.shape);
    const layer = tfl.layers.dropout({ rate: c.rate, seed: c.seed });
    const kept = layer.apply(tf.onesLike(x), { training: true }) as tfCore.Tensor;
    const drawn = Array.from(tf.cast(tf.greater(kept, 0), 'float32').dataSync());
    if (!sameMask(drawn, c.mask.$tensor.values)) {
      throw new Error(`${c.id}: tf.layers.dropout({ rate: ${c.rate}, seed: ${c.seed} }) no longer draws the mask [${c.mask.$tensor.values.join(', ')}] (it draws [${drawn.join(', ')}]); pick the seed again`);
    }
    return (layer.apply(x, { training: c.training }) as tfCore.Tensor).arraySync() as number[] | number[][];
  });
}

export default defineGrader({
  checks: CASES.map((c) =>
    expectValues({
      id: c.id,
      title: c.title,
      call: { name: 'applyDropout', args: [c.x, c.mask, c.rate, c.training] },
      expected: (context) => layerOutput(context, c),
      tolerance: 1e-5,
      hint: c.hint,
    }),
  ),
});

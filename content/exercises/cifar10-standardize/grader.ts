import type * as tfCore from '@tensorflow/tfjs-core';
import { call, defineGrader, type CheckResult } from '../../../graders/types.ts';
import { customCheck, expectValues, toNumeric } from '../../../graders/checks.ts';

/**
 * Document 004, CNN 모델 학습 › CIFAR-10: per-channel standardization. The mean and the standard
 * deviation (np.std: the population one, divided by N) are taken over images, rows and columns of
 * the TRAINING images for each of the three channels, and the same numbers transform the test
 * images. The document prints the training mean [125.307, 122.950, 113.865]; it does not print the
 * standard deviation.
 *
 * The inputs are generated here (seeded, pixel values 0–255 as in cifar10.load_data()): eight
 * 4×4×3 "training" images whose channel means lie near the document's, and eight "test" images
 * that are brighter and more spread out, so standardizing the test set with its own statistics
 * (the mistake this exercise is about) gives visibly different numbers. The expected values are
 * computed by the grader with tf.moments.
 */
const SIDE = 4;
const COUNT = 8;

function generate(seed: number, centers: number[], spread: number): number[] {
  let s = seed >>> 0;
  const random = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const values: number[] = [];
  for (let i = 0; i < COUNT * SIDE * SIDE; i++) {
    for (const center of centers) values.push(Math.max(0, Math.min(255, Math.round(center + (random() * 2 - 1) * spread))));
  }
  return values;
}

const shape = [COUNT, SIDE, SIDE, 3];
const TRAIN = generate(10, [125.3, 123.0, 113.9], 110);
const TEST = generate(20, [170, 150, 160], 85);
const train = { $tensor: { shape, values: TRAIN } };
const test = { $tensor: { shape, values: TEST } };

type Tf = typeof tfCore;

async function statsOf(tf: Tf, values: number[]): Promise<{ mean: number[]; std: number[] }> {
  const x = tf.tensor4d(values, shape as [number, number, number, number]);
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  const std = tf.sqrt(variance);
  const result = { mean: Array.from(await mean.data()), std: Array.from(await std.data()) };
  tf.dispose([x, mean, variance, std]);
  return result;
}

/** (x − mean) / std per channel, with the given statistics. */
async function standardized(tf: Tf, values: number[], stats: { mean: number[]; std: number[] }): Promise<Float32Array> {
  const x = tf.tensor4d(values, shape as [number, number, number, number]);
  const out = tf.div(tf.sub(x, tf.tensor1d(stats.mean)), tf.tensor1d(stats.std));
  const data = (await out.data()) as Float32Array;
  tf.dispose([x, out]);
  return data;
}

const standardizeCall = call('standardize', 'standardize', [train, test]);

/** Part `index` (0: train, 1: test) of what standardize(train, test) returned, against the expected values. */
function partCheck(id: string, title: string, index: 0 | 1, hint: string) {
  return customCheck(
    id,
    title,
    async (context): Promise<Omit<CheckResult, 'id' | 'title'>> => {
      const returned = context.values?.[standardizeCall.key];
      const part = Array.isArray(returned) && returned.length === 2 ? toNumeric(returned[index]) : undefined;
      const want = `모양 [${shape.join(', ')}]`;
      if (!part) {
        return { passed: false, message: 'standardize()가 [훈련, 테스트] 두 텐서의 배열을 반환하지 않았습니다.', expected: want, actual: JSON.stringify(returned)?.slice(0, 60) ?? 'undefined', hint };
      }
      if (JSON.stringify(part.shape) !== JSON.stringify(shape)) {
        return { passed: false, message: `결과의 모양이 [${part.shape.join(', ')}]입니다.`, expected: want, actual: `모양 [${part.shape.join(', ')}]`, hint };
      }
      const stats = await statsOf(context.tf, TRAIN);
      const expected = await standardized(context.tf, index === 0 ? TRAIN : TEST, stats);
      let worst = 0;
      let at = 0;
      expected.forEach((v, i) => {
        const diff = Math.abs((part.values[i] ?? Number.NaN) - v);
        if (!(diff <= worst)) {
          worst = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff;
          at = i;
        }
      });
      const fmt = (v: number) => String(Number(v.toPrecision(4)));
      return worst <= 1e-3
        ? { passed: true, message: `${title}: 기댓값과 일치합니다 (최대 오차 ${worst.toExponential(1)}).` }
        : { passed: false, message: `${title}: ${at}번째 값이 다릅니다.`, expected: fmt(expected[at]!), actual: fmt(part.values[at] ?? Number.NaN), hint };
    },
    { calls: [standardizeCall] },
  );
}

export default defineGrader({
  checks: [
    expectValues({
      id: 'mean',
      title: '채널별 평균 (훈련 이미지 8장, 4×4×3)',
      call: { name: 'channelMean', args: [train] },
      expected: async ({ tf }) => (await statsOf(tf, TRAIN)).mean,
      tolerance: 1e-3,
      hint: '이미지·행·열 축(0, 1, 2)에 걸쳐 평균을 내고 채널 축만 남기세요: 결과 모양은 [3]입니다.',
    }),
    expectValues({
      id: 'std',
      title: '채널별 표준편차 (훈련 이미지 8장, 4×4×3)',
      call: { name: 'channelStd', args: [train] },
      expected: async ({ tf }) => (await statsOf(tf, TRAIN)).std,
      tolerance: 1e-3,
      hint: 'np.std처럼 모든 값의 개수 N으로 나눈 분산의 제곱근입니다(N − 1이 아닙니다). tf.moments(x, [0, 1, 2])의 variance를 쓰면 됩니다.',
    }),
    partCheck('standardize.train', '표준화한 훈련 이미지', 0, '훈련 이미지에서 채널별 평균을 빼고 채널별 표준편차로 나누세요.'),
    partCheck(
      'standardize.test',
      '표준화한 테스트 이미지 (훈련 데이터의 평균·표준편차로)',
      1,
      '테스트 이미지도 훈련 이미지에서 구한 평균과 표준편차로 바꿔야 합니다. 테스트 이미지로 통계를 다시 구하면 안 됩니다.',
    ),
  ],
});

import { call, defineGrader, type CheckResult } from '../../../graders/types.ts';
import { customCheck, expectValues, toNumeric } from '../../../graders/checks.ts';
import { mulberry32 } from '../../../src/data/random.ts';

/**
 * Document 000, 4.3 (값 정규화): features with different ranges — A 0–1, B 0–255, C 3–130 in the
 * document's table — are each brought to mean 0 and standard deviation 1. The statistics come from
 * the training samples only and transform the test samples too (the course's point: the test set
 * must be on the scale the model was trained on).
 *
 * The inputs are generated here (seeded) inside the document's ranges: 16 training samples spread
 * over each range, and 8 test samples drawn from the upper part of each range, so the correctly
 * transformed test set has per-feature means well away from 0 (0.78, 0.46, 1.18), while standardizing
 * the test set with its own statistics gives means of exactly 0. Expected values are computed here
 * in float64; the learner's float32 results are compared within 1e-3.
 */
const FEATURES = 3;
const TRAIN_COUNT = 16;
const TEST_COUNT = 8;


/** Rows of [A, B, C]: A uniform in [a0, a1] (two decimals), B and C whole numbers, as pixel values and counts are. */
function generate(seed: number, count: number, ranges: { a: [number, number]; b: [number, number]; c: [number, number] }): number[][] {
  const random = mulberry32(seed);
  const between = ([low, high]: [number, number]) => low + random() * (high - low);
  return Array.from({ length: count }, () => [Math.round(between(ranges.a) * 100) / 100, Math.round(between(ranges.b)), Math.round(between(ranges.c))]);
}

const TRAIN = generate(4, TRAIN_COUNT, { a: [0, 1], b: [0, 255], c: [3, 130] });
const TEST = generate(43, TEST_COUNT, { a: [0.5, 1], b: [140, 255], c: [70, 130] });
const asTensor = (rows: number[][]) => ({ $tensor: { shape: [rows.length, FEATURES], values: rows.flat() } });
const train = asTensor(TRAIN);
const test = asTensor(TEST);

const column = (rows: number[][], j: number) => rows.map((r) => r[j]!);
const meanOf = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const stdOf = (values: number[]) => {
  const m = meanOf(values);
  return Math.sqrt(meanOf(values.map((v) => (v - m) ** 2)));
};
const stats = (rows: number[][]) => {
  const columns = [0, 1, 2].map((j) => column(rows, j));
  return { mean: columns.map(meanOf), std: columns.map(stdOf) };
};
const TRAIN_STATS = stats(TRAIN);
const transform = (rows: number[][]) => rows.map((r) => r.map((v, j) => (v - TRAIN_STATS.mean[j]!) / TRAIN_STATS.std[j]!));

const fmt = (v: number) => String(Number(v.toFixed(3)));
const fmtList = (values: number[]) => `[${values.map(fmt).join(', ')}]`;

const standardizeCall = call('standardize', 'standardize', [train, test]);

/** Part `index` (0: train, 1: test) of what standardize(train, test) returned, against the expected values. */
function partCheck(id: string, title: string, index: 0 | 1, hint: string) {
  const source = index === 0 ? TRAIN : TEST;
  const shape = [source.length, FEATURES];
  return customCheck(
    id,
    title,
    (context): Omit<CheckResult, 'id' | 'title'> => {
      const returned = context.values?.[standardizeCall.key];
      const part = Array.isArray(returned) && returned.length === 2 ? toNumeric(returned[index]) : undefined;
      const want = `모양 [${shape.join(', ')}]`;
      if (!part) {
        return { passed: false, message: 'standardize()가 [훈련 결과, 테스트 결과] 두 텐서의 배열을 반환하지 않았습니다.', expected: want, actual: JSON.stringify(returned)?.slice(0, 60) ?? 'undefined', hint };
      }
      if (JSON.stringify(part.shape) !== JSON.stringify(shape)) {
        return { passed: false, message: `결과의 모양이 [${part.shape.join(', ')}]입니다.`, expected: want, actual: `모양 [${part.shape.join(', ')}]`, hint };
      }
      const expected = transform(source);
      const got = expected.map((row, i) => row.map((_, j) => part.values[i * FEATURES + j]!));
      const expectedMeans = [0, 1, 2].map((j) => meanOf(column(expected, j)));
      const gotMeans = [0, 1, 2].map((j) => meanOf(column(got, j)));
      const means = `특성별 평균 ${fmtList(gotMeans)}`;
      if (index === 1 && gotMeans.every((m) => Math.abs(m) < 0.05)) {
        return {
          passed: false,
          message: `바꾼 테스트 데이터의 ${means}이 모두 0입니다. 테스트 데이터 자신의 평균과 표준편차로 바꾼 것 같습니다: 훈련 데이터로 바꾸면 ${fmtList(expectedMeans)}이어야 합니다.`,
          expected: `특성별 평균 ${fmtList(expectedMeans)}`,
          actual: means,
          hint,
        };
      }
      let worst = 0;
      let at = [0, 0];
      expected.forEach((row, i) =>
        row.forEach((v, j) => {
          const diff = Math.abs(got[i]![j]! - v);
          if (!(diff <= worst)) {
            worst = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff;
            at = [i, j];
          }
        }),
      );
      const [i, j] = at as [number, number];
      return worst <= 1e-3
        ? { passed: true, message: `${title}: 기댓값과 일치합니다 (최대 오차 ${worst.toExponential(1)}, ${means}).`, expected: `특성별 평균 ${fmtList(expectedMeans)}`, actual: means }
        : {
            passed: false,
            message: `${title}: ${i}번 샘플의 ${'ABC'[j]} 특성 값이 다릅니다 (원래 값 ${source[i]![j]}).`,
            expected: fmt(expected[i]![j]!),
            actual: fmt(got[i]![j]!),
            hint,
          };
    },
    { calls: [standardizeCall] },
  );
}

export default defineGrader({
  checks: [
    expectValues({
      id: 'mean',
      title: '특성별 평균 (훈련 샘플 16개, 특성 A·B·C)',
      call: { name: 'featureMean', args: [train] },
      expected: TRAIN_STATS.mean,
      tolerance: 1e-3,
      hint: '샘플 축(0)을 따라 평균을 내고 특성 축만 남기세요: 결과 모양은 [3]입니다. 모든 값의 평균 하나를 내면 범위가 다른 특성들이 섞입니다.',
    }),
    expectValues({
      id: 'std',
      title: '특성별 표준편차 (훈련 샘플 16개, 특성 A·B·C)',
      call: { name: 'featureStd', args: [train] },
      expected: TRAIN_STATS.std,
      tolerance: 1e-3,
      hint: '넘파이의 x.std(axis=0)처럼 샘플 수 N으로 나눈 분산의 제곱근입니다(N − 1이 아닙니다). tf.moments(x, 0)의 variance를 쓰면 됩니다.',
    }),
    partCheck('standardize.train', '표준화한 훈련 데이터 (특성마다 평균 0, 표준편차 1)', 0, '훈련 데이터에서 특성별 평균을 빼고 특성별 표준편차로 나누세요. 최솟값·최댓값으로 0–1에 맞추는 것(min-max)은 다른 변환입니다.'),
    partCheck(
      'standardize.test',
      '표준화한 테스트 데이터 (훈련 데이터의 평균·표준편차로)',
      1,
      '테스트 데이터도 훈련 데이터에서 구한 평균과 표준편차로 바꿔야 합니다. 테스트 데이터로 통계를 다시 구하면 모델이 훈련 때 본 것과 다른 눈금이 됩니다.',
    ),
  ],
});

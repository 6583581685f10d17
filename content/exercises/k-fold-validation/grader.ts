import { call, defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck } from '../../../graders/checks.ts';
import { mulberry32 } from '../../../src/data/random.ts';

/**
 * Document 000 4.2: K-fold validation trains K models, each on K − 1 parts, validates each on the
 * part it left out, and averages the K scores. The learner's crossValidate(xs, ys, k, seed)
 * returns, per fold, the validated sample numbers, the class its model chose for each, and the
 * accuracy; then the mean and spread. It is called twice:
 *
 * - on the exercise's 300 Fashion-MNIST training images (fashionCrossValidation, which loads them
 *   and calls crossValidate). The grader never trusts a reported score: it loads the same images'
 *   labels itself (loadTrainingSet with the exercise's dataset seed gives what loadTrainingData()
 *   gives learner code) and recomputes each fold's accuracy from the predictions;
 * - on 150 of those images with random labels (seeded here). Random labels carry nothing to
 *   generalize, so a fold whose model never saw its validation images scores about chance (10%);
 *   a model that did see them (one model reused across folds, or fitted on every image) has
 *   memorized their labels. That is the leak check: it needs no threshold on real accuracy.
 *
 * Measured with the reference protocol (Node, WASM, k = 3, 20 epochs, adam 0.003):
 * - real labels, dataset seed 11, ten shuffles: folds 59–80%; so TRAINED = 0.40 (chance 0.10);
 * - random labels, 150 images: honest folds 4–14%; one model reused across folds 32–50% on fold 2
 *   and 60–70% on fold 3; fitted on every image 84–90%. So LEAK = 0.35: with 50 validation images
 *   an honest fold (binomial, p = 0.1) reaches 18 right with probability under 1e-6.
 */
const DATASET = { name: 'fashion-mnist', count: 300, seed: 11 } as const;
const K = 3;
const SEED = 7;
const TRAINED = 0.4;
const LEAK = 0.35;
const TOLERANCE = 1e-6;
const CANARY_COUNT = 150;
/** Random labels for the leak check, the same on every grading. */
const RANDOM_LABELS = (() => {
  const next = mulberry32(2024);
  return Array.from({ length: CANARY_COUNT }, () => Math.floor(next() * 10));
})();

const CV = call('cv#fashion', 'fashionCrossValidation', [K, SEED]);
const CANARY = call('cv#random-labels', 'crossValidate', [
  { $trainingImages: { dataset: DATASET.name, count: CANARY_COUNT, seed: DATASET.seed } },
  { $tensor: { shape: [CANARY_COUNT], values: RANDOM_LABELS } },
  K,
  SEED,
]);

interface FoldScore {
  validation: number[];
  predictions: number[];
  accuracy: number;
}
interface CrossValidation {
  folds: FoldScore[];
  mean: number;
  std: number;
}

const isIntegerList = (v: unknown): v is ArrayLike<number> =>
  (Array.isArray(v) || ArrayBuffer.isView(v)) && Array.from(v as ArrayLike<unknown>).every((x) => Number.isInteger(x));

/** The learner's result in the shape the task asks for, or what is wrong with its form. */
function resultOf(context: GradingContext, made: { key: string } = CV): CrossValidation | { message: string } {
  const v = context.values?.[made.key] as Partial<Record<keyof CrossValidation, unknown>> | undefined;
  if (typeof v !== 'object' || v === null || !Array.isArray(v.folds)) return { message: 'crossValidate()가 { folds, mean, std } 모양의 객체를 반환하지 않았습니다.' };
  if (v.folds.length !== K) return { message: `k = ${K}로 불렀는데 폴드 ${v.folds.length}개의 결과를 반환했습니다. 폴드마다 결과가 하나씩이어야 합니다.` };
  const folds: FoldScore[] = [];
  for (const [i, f] of v.folds.entries()) {
    const { validation, predictions, accuracy } = (f ?? {}) as Partial<Record<keyof FoldScore, unknown>>;
    if (!isIntegerList(validation) || !isIntegerList(predictions) || typeof accuracy !== 'number') {
      return { message: `${i + 1}번째 폴드가 { validation: 정수 배열, predictions: 정수 배열, accuracy: 숫자 } 모양이 아닙니다.` };
    }
    if (predictions.length !== validation.length) {
      return { message: `${i + 1}번째 폴드의 predictions가 ${predictions.length}개입니다. 검증 샘플 ${validation.length}개마다 하나씩이어야 합니다.` };
    }
    folds.push({ validation: Array.from(validation), predictions: Array.from(predictions), accuracy });
  }
  if (typeof v.mean !== 'number' || typeof v.std !== 'number') return { message: 'mean과 std가 숫자가 아닙니다.' };
  return { folds, mean: v.mean, std: v.std };
}

/** The true labels of the exercise's 300 images, loaded once per grading (three checks read them). */
const labelCache = new WeakMap<GradingContext, Promise<number[]>>();
function labelsOf(context: GradingContext): Promise<number[]> {
  let labels = labelCache.get(context);
  if (!labels) {
    labels = (async () => {
      const set = await context.loadTrainingSet(DATASET.name, DATASET.count, DATASET.seed);
      const values = Array.from(await set.ys.data());
      context.tf.dispose([set.xs, set.ys]);
      return values;
    })();
    labelCache.set(context, labels);
  }
  return labels;
}

/** Each fold's accuracy as the grader measures it: its predictions against `labels` (true or random) of its own validation samples. */
function measured(result: CrossValidation, labels: readonly number[]): number[] | { message: string } {
  const scores: number[] = [];
  for (const [i, fold] of result.folds.entries()) {
    const outside = fold.validation.find((v) => v < 0 || v >= labels.length);
    if (outside !== undefined) return { message: `${i + 1}번째 폴드의 검증 번호 ${outside}는 0–${labels.length - 1} 밖입니다.` };
    if (fold.validation.length === 0) return { message: `${i + 1}번째 폴드에 검증 번호가 없습니다.` };
    scores.push(fold.predictions.filter((p, j) => p === labels[fold.validation[j]!]).length / fold.validation.length);
  }
  return scores;
}

const failed = (message: string, hint?: string, expected?: string, actual?: string) => ({
  passed: false,
  message,
  ...(expected !== undefined ? { expected } : {}),
  ...(actual !== undefined ? { actual } : {}),
  ...(hint ? { hint } : {}),
});
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const list = (xs: number[]) => xs.map(pct).join(', ');
const uses = { calls: [CV] };

/** Runs `test` on the learner's result and the grader's own per-fold accuracies. */
function withScores(test: (result: CrossValidation, scores: number[]) => ReturnType<typeof failed> | { passed: true; message: string }) {
  return async (context: GradingContext) => {
    const result = resultOf(context);
    if ('message' in result) return failed(result.message, '먼저 결과의 모양을 맞추세요.');
    const scores = measured(result, await labelsOf(context));
    if ('message' in scores) return failed(scores.message);
    return test(result, scores);
  };
}

export default defineGrader({
  checks: [
    customCheck(
      'cv.result',
      `폴드 ${K}개의 결과와 평균·표준편차`,
      (context) => {
        const result = resultOf(context);
        return 'message' in result
          ? failed(result.message, `폴드마다 { validation, predictions, accuracy }를 모아 { folds, mean, std }로 반환하세요. 폴드는 k = ${K}개입니다.`)
          : { passed: true, message: `폴드 ${K}개의 결과와 mean, std를 반환했습니다.` };
      },
      uses,
    ),
    customCheck(
      'cv.folds',
      '검증 분할이 겹치지 않고 모든 이미지를 한 번씩 덮음',
      (context) => {
        const result = resultOf(context);
        if ('message' in result) return failed(result.message, '먼저 결과의 모양을 맞추세요.');
        const seen = new Uint8Array(DATASET.count);
        for (const [i, fold] of result.folds.entries()) {
          for (const v of fold.validation) {
            if (v < 0 || v >= DATASET.count) return failed(`${i + 1}번째 폴드의 검증 번호 ${v}는 0–${DATASET.count - 1} 밖입니다.`);
            if (seen[v]) return failed(`이미지 ${v}번이 두 폴드에서 검증되었습니다 (${i + 1}번째 폴드에서 또).`, 'kFold를 한 번만 불러 그 폴드들을 차례로 쓰세요. 폴드마다 다시 섞으면 검증 분할이 겹칩니다.');
            seen[v] = 1;
          }
        }
        const missing = seen.filter((s) => s === 0).length;
        if (missing > 0) return failed(`이미지 ${DATASET.count}장 가운데 ${missing}장이 어느 폴드에서도 검증되지 않았습니다.`, 'K겹 교차 검증에서는 모든 이미지가 정확히 한 번 검증됩니다.');
        const sizes = result.folds.map((f) => f.validation.length);
        if (Math.max(...sizes) - Math.min(...sizes) > 1) return failed(`검증 분할의 크기가 [${sizes.join(', ')}]입니다. 크기 차이는 많아야 1이어야 합니다.`);
        return { passed: true, message: `이미지 ${DATASET.count}장이 폴드 ${K}개에서 한 번씩 검증되었습니다 (분할 크기 ${sizes.join(', ')}).` };
      },
      uses,
    ),
    customCheck(
      'cv.fold-accuracy',
      '폴드마다 자기 검증 분할에서 잰 정확도',
      withScores((result, scores) => {
        const reported = result.folds.map((f) => f.accuracy);
        const wrong = reported.findIndex((a, i) => !(Math.abs(a - scores[i]!) <= TOLERANCE));
        return wrong >= 0
          ? failed(
              `${wrong + 1}번째 폴드의 accuracy가 ${pct(reported[wrong]!)}인데, 그 폴드의 검증 샘플에 대한 predictions로 채점기가 잰 정확도는 ${pct(scores[wrong]!)}입니다.`,
              '정확도는 그 폴드의 검증 샘플에서 predictions[j]와 정답 레이블이 같은 비율입니다. 학습 기록(history)의 정확도는 훈련 데이터에서 잰 값입니다.',
              list(scores),
              list(reported),
            )
          : { passed: true, message: `폴드별 검증 정확도 ${list(scores)}가 predictions와 정답 레이블로 다시 잰 값과 같습니다.` };
      }),
      uses,
    ),
    customCheck(
      'cv.trained',
      `폴드마다 학습된 모델 (검증 정확도 ${pct(TRAINED)} 이상)`,
      withScores((_result, scores) => {
        const weak = scores.findIndex((s) => s < TRAINED);
        return weak >= 0
          ? failed(
              `${weak + 1}번째 폴드의 검증 정확도가 ${pct(scores[weak]!)}입니다. 학습된 모델이라면 ${pct(TRAINED)}는 넘습니다 (10개 클래스를 찍으면 약 10%, 코스가 측정한 올바른 폴드는 59–80%).`,
              '폴드마다 model.fit을 await했는지, 학습 이미지와 레이블을 같은 번호(fold.train)로 골랐는지 확인하세요.',
              `≥ ${pct(TRAINED)}`,
              list(scores),
            )
          : { passed: true, message: `모든 폴드의 검증 정확도가 ${pct(TRAINED)} 이상입니다 (${list(scores)}).` };
      }),
      uses,
    ),
    customCheck(
      'cv.no-leak',
      '폴드마다 새 모델, 검증 이미지를 보지 않은 학습 (무작위 레이블로 확인)',
      (context) => {
        const result = resultOf(context, CANARY);
        if ('message' in result) return failed(`무작위 레이블로 부른 crossValidate: ${result.message}`, '먼저 결과의 모양을 맞추세요.');
        const scores = measured(result, RANDOM_LABELS);
        if ('message' in scores) return failed(`무작위 레이블로 부른 crossValidate: ${scores.message}`);
        const leaked = scores.findIndex((s) => s >= LEAK);
        return leaked >= 0
          ? failed(
              `레이블을 무작위로 바꾼 이미지 ${CANARY_COUNT}장에서 ${leaked + 1}번째 폴드의 검증 정확도가 ${pct(scores[leaked]!)}입니다. 무작위 레이블은 일반화할 수 없으므로, 검증 이미지를 본 적 없는 모델은 찍는 수준(약 10%)이어야 합니다. 이렇게 높으면 모델이 검증 이미지의 레이블을 학습 중에 외운 것입니다.`,
              '폴드마다 buildModel()로 새 모델을 만드세요 (앞 폴드의 모델은 이 폴드의 검증 이미지로 이미 학습했습니다). 그리고 fold.train의 이미지로만 학습하세요.',
              `모든 폴드 < ${pct(LEAK)}`,
              list(scores),
            )
          : { passed: true, message: `무작위 레이블에서 폴드별 검증 정확도가 ${list(scores)}로 찍는 수준입니다: 어느 폴드의 모델도 검증 이미지를 보지 않았습니다.` };
      },
      { calls: [CANARY] },
    ),
    customCheck(
      'cv.summary',
      '평균과 표준편차',
      (context) => {
        const result = resultOf(context);
        if ('message' in result) return failed(result.message, '먼저 결과의 모양을 맞추세요.');
        const reported = result.folds.map((f) => f.accuracy);
        const mean = reported.reduce((s, a) => s + a, 0) / reported.length;
        const std = Math.sqrt(reported.reduce((s, a) => s + (a - mean) ** 2, 0) / reported.length);
        const show = (m: number, s: number) => `mean ${m.toFixed(4)}, std ${s.toFixed(4)}`;
        if (Math.abs(result.mean - mean) > TOLERANCE) {
          return failed('mean이 폴드별 accuracy의 평균이 아닙니다.', `폴드 ${K}개의 accuracy를 더해 ${K}로 나누세요.`, show(mean, std), show(result.mean, result.std));
        }
        if (Math.abs(result.std - std) > TOLERANCE) {
          return failed(
            'std가 폴드별 accuracy의 표준편차가 아닙니다.',
            `표준편차는 (accuracy − mean)²의 평균(${K}로 나눔)에 제곱근을 씌운 값입니다 (np.std와 같음). 제곱근을 빠뜨리면 분산이 됩니다.`,
            show(mean, std),
            show(result.mean, result.std),
          );
        }
        return { passed: true, message: `검증 정확도 평균 ${pct(mean)}, 표준편차 ${(std * 100).toFixed(1)}%포인트 (폴드 ${K}개).` };
      },
      uses,
    ),
  ],
});

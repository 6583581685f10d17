// expect-fail: cv.fold-accuracy
// Reports the last epoch's training accuracy from the history instead of the validation accuracy.
import * as tf from '@tensorflow/tfjs';
import { loadTrainingData, plot, print } from 'course';

/** 폴드 하나의 결과: 검증한 샘플 번호, 그 샘플마다 모델이 고른 클래스, 검증 정확도. */
export interface FoldScore {
  validation: number[];
  predictions: number[];
  accuracy: number;
}

export interface CrossValidation {
  folds: FoldScore[];
  /** 폴드별 검증 정확도의 평균 */
  mean: number;
  /** 폴드별 검증 정확도의 표준편차 (모집단 표준편차: np.std와 같이 k로 나눔) */
  std: number;
}

/** 모든 폴드가 같은 구조와 설정으로 새로 시작하는 작은 분류기. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export const EPOCHS = 20;
export const BATCH_SIZE = 32;

// ---- 앞 실습의 kFold (그대로 씁니다) ----
export interface Fold {
  train: number[];
  validation: number[];
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function kFold(n: number, k: number, options = { shuffle: false, seed: 0 }): Fold[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  const order = options.shuffle ? shuffled(indices, random(options.seed)) : indices;
  const folds: Fold[] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const size = Math.floor(n / k) + (i < n % k ? 1 : 0);
    const validation = order.slice(start, start + size);
    const held = new Set(validation);
    folds.push({ train: indices.filter((index) => !held.has(index)), validation });
    start += size;
  }
  return folds;
}
// ---------------------------------------

/**
 * 이미지 xs와 레이블 ys를 k겹으로 나눠, 폴드마다 새 모델을 학습하고 자기 검증 분할로 평가합니다.
 * scikit-learn의 cross_val_score(model, X, y, cv=KFold(k, shuffle=True, random_state=seed))에 해당합니다.
 */
export async function crossValidate(xs: tf.Tensor4D, ys: tf.Tensor1D, k: number, seed: number): Promise<CrossValidation> {
  const labels = Array.from(await ys.data());
  print(`이미지 ${xs.shape[0]}장으로 ${k}겹 교차 검증`);
  const folds: FoldScore[] = [];
  for (const [i, fold] of kFold(xs.shape[0], k, { shuffle: true, seed }).entries()) {
    // 폴드마다 새 모델: 앞 폴드에서 학습한 모델은 이 폴드의 검증 이미지를 이미 보았습니다.
    const model = buildModel();
    const trainIndex = tf.tensor1d(fold.train, 'int32');
    const validationIndex = tf.tensor1d(fold.validation, 'int32');
    const xTrain = tf.gather(xs, trainIndex);
    const yTrain = tf.gather(ys, trainIndex);
    const xValidation = tf.gather(xs, validationIndex);
    const history = await model.fit(xTrain, yTrain, { epochs: EPOCHS, batchSize: BATCH_SIZE, verbose: 0 });
    const predicted = tf.tidy(() => (model.predict(xValidation) as tf.Tensor).argMax(-1));
    const predictions = Array.from(await predicted.data());
    const correct = predictions.filter((p, j) => p === labels[fold.validation[j]!]).length;
    void correct;
    const accuracy = Number((history.history['acc'] ?? history.history['accuracy'])!.at(-1));
    folds.push({ validation: fold.validation, predictions, accuracy });
    print(`  폴드 ${i + 1}/${k}: 학습 ${fold.train.length}장, 검증 ${fold.validation.length}장 → 검증 정확도 ${(accuracy * 100).toFixed(1)}%`);
    tf.dispose([trainIndex, validationIndex, xTrain, yTrain, xValidation, predicted]);
    model.dispose();
  }
  const scores = folds.map((f) => f.accuracy);
  const mean = scores.reduce((sum, s) => sum + s, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((sum, s) => sum + (s - mean) ** 2, 0) / scores.length);
  print(`  평균 ${(mean * 100).toFixed(1)}%, 표준편차 ${(std * 100).toFixed(1)}%포인트`);
  return { folds, mean, std };
}

/** 이 실습의 데이터(패션 MNIST 훈련 이미지 300장)로 crossValidate를 부르고 폴드별 정확도를 그립니다. 고치지 않아도 됩니다. */
export async function fashionCrossValidation(k: number, seed: number): Promise<CrossValidation> {
  const data = await loadTrainingData();
  const result = await crossValidate(data.train.xs, data.train.ys, k, seed);
  plot('폴드별 검증 정확도', { '검증 정확도': result.folds.map((f) => f.accuracy) }, { xLabel: '폴드' });
  return result;
}

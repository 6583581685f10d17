import { print } from 'course';

/** K겹 교차 검증의 한 폴드: 이 폴드의 모델이 학습할 번호와 검증할 번호. */
export interface Fold {
  train: number[];
  validation: number[];
}

export interface KFoldOptions {
  /** true이면 나누기 전에 번호를 시드로 섞습니다 (scikit-learn의 KFold(shuffle=True)). */
  shuffle: boolean;
  /** 섞을 때 쓰는 시드: 같은 시드는 같은 폴드를 만듭니다. */
  seed: number;
}

/** 시드가 같으면 같은 수열을 내는 난수 (mulberry32). */
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

/** 배열을 시드로 섞은 복사본 (Fisher–Yates): np.random.permutation에 해당합니다. */
function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * 샘플 번호 0 … n−1을 k개의 폴드로 나눕니다. 폴드 i는 i번째 분할로 검증하고 나머지 k−1개 분할로 학습합니다.
 * 분할 크기는 scikit-learn과 같습니다: 앞의 n % k개 분할이 ⌊n/k⌋ + 1개, 나머지가 ⌊n/k⌋개.
 */
export function kFold(n: number, k: number, options: KFoldOptions = { shuffle: false, seed: 0 }): Fold[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  // 한 번만 섞고 그 순서를 잘라야 분할끼리 겹치지 않습니다.
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

// 10개를 3겹으로: 분할 크기 4, 3, 3
for (const [i, fold] of kFold(10, 3).entries()) {
  print(`폴드 ${i + 1}: 검증 [${fold.validation.join(', ')}] · 학습 [${fold.train.join(', ')}]`);
}
print('섞은 경우:', kFold(10, 3, { shuffle: true, seed: 1 }).map((fold) => fold.validation));

// expect-fail: split.seeded
// Mixes Math.random into the seed, so the same seed gives another plan each call.
import { print } from 'course';

/** 최종 훈련·검증 세트의 한 행: 원본 이미지의 번호와, 그 원본을 증강한 것인지. */
export interface Row {
  source: number;
  augmented: boolean;
}

export interface Plan {
  train: Row[];
  validation: Row[];
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
 * 모델 4의 데이터: 원본 count장에서 먼저 검증 세트를 떼어 내고(validationSplit 비율),
 * 남은 훈련 이미지에서만 augmentSize장을 골라 증강본을 훈련 세트에 더합니다.
 */
export function planModel4Data(count: number, augmentSize: number, validationSplit: number, seed: number): Plan {
  const next = random(seed + Math.floor(Math.random() * 2 ** 31));
  // 1. 나누기: validation_split처럼 끝의 30%를 검증 세트로 둡니다. 아직 증강본이 없으니 모두 원본입니다.
  const splitAt = Math.floor(count * (1 - validationSplit));
  const trainSources = Array.from({ length: splitAt }, (_, i) => i);
  const validation = Array.from({ length: count - splitAt }, (_, i) => ({ source: splitAt + i, augmented: false }));
  // 2. 증강하기: 훈련 이미지만 섞어서 앞의 augmentSize장을 고릅니다(같은 원본을 두 번 고르지 않음).
  const picked = shuffled(trainSources, next).slice(0, augmentSize);
  const train = [
    ...trainSources.map((source) => ({ source, augmented: false })),
    ...picked.map((source) => ({ source, augmented: true })),
  ];
  return { train, validation };
}

// 문서의 크기: 원본 60,000장, 증강 20,000장, 검증 30%.
const plan = planModel4Data(60_000, 20_000, 0.3, 1);
const count = (rows: Row[]) => `${rows.length.toLocaleString()}장 (증강본 ${rows.filter((row) => row.augmented).length.toLocaleString()}장)`;
print(`훈련 ${count(plan.train)}, 검증 ${count(plan.validation)}`);

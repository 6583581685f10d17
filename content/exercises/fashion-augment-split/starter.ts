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
  const next = random(seed);
  // 지금은 문서처럼 증강본을 먼저 붙이고 끝의 validationSplit 비율을 검증 세트로 잘라 냅니다.
  // 그러면 검증 세트가 증강본으로 채워집니다.
  // TODO: 원본을 먼저 나누고(끝의 validationSplit 비율이 검증 세트), 훈련 쪽 원본에서만 증강할 원본을 고르세요.
  const originals = Array.from({ length: count }, (_, i) => ({ source: i, augmented: false }));
  const picked = shuffled(originals.map((row) => row.source), next).slice(0, augmentSize);
  const rows = [...originals, ...picked.map((source) => ({ source, augmented: true }))];
  const splitAt = Math.floor(rows.length * (1 - validationSplit));
  return { train: rows.slice(0, splitAt), validation: rows.slice(splitAt) };
}

// 문서의 크기: 원본 60,000장, 증강 20,000장, 검증 30%.
const plan = planModel4Data(60_000, 20_000, 0.3, 1);
const count = (rows: Row[]) => `${rows.length.toLocaleString()}장 (증강본 ${rows.filter((row) => row.augmented).length.toLocaleString()}장)`;
print(`훈련 ${count(plan.train)}, 검증 ${count(plan.validation)}`);

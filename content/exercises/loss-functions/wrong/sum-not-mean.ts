// expect-fail: ce.batch
// The mini-batch loss is the sum of the samples' losses, not their mean.
/** 확률을 자를 때 쓰는 작은 수 ε (Keras의 `keras.backend.epsilon()` 기본값). */
export const EPSILON = 1e-7;

/** 확률 p를 [ε, 1 − ε] 범위로 자릅니다. log(0) = −∞를 피하기 위해서입니다. */
export function clip(p: number): number {
  return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
}

/**
 * 교차 엔트로피 e = −Σ_{i=1..c} y_i log(o_i) (식 8.1).
 * y는 정답 분포(보통 원-핫), o는 신경망이 출력한 확률 분포이고, 길이가 부류의 개수 c입니다.
 */
export function crossEntropy(y: number[], o: number[]): number {
  let e = 0;
  for (let i = 0; i < y.length; i++) {
    e -= y[i]! * Math.log(clip(o[i]!));
  }
  return e;
}

/** 미니 배치의 손실: 샘플마다 교차 엔트로피를 구해 평균합니다. */
export function meanCrossEntropy(ys: number[][], os: number[][]): number {
  let sum = 0;
  for (let n = 0; n < ys.length; n++) sum += crossEntropy(ys[n]!, os[n]!);
  return sum;
}

/**
 * 초점 손실 FL(p_t) = −α_t (1 − p_t)^γ log(p_t) (Lin et al. 2017).
 * p는 부류 1일 확률, y는 정답(0 또는 1)이고, p_t = y = 1이면 p, 아니면 1 − p,
 * α_t = y = 1이면 α, 아니면 1 − α입니다.
 */
export function focalLoss(p: number, y: 0 | 1, gamma: number, alpha: number): number {
  const pt = clip(y === 1 ? p : 1 - p);
  const alphaT = y === 1 ? alpha : 1 - alpha;
  return -alphaT * (1 - pt) ** gamma * Math.log(pt);
}

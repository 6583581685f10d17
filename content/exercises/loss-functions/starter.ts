/** 확률을 자를 때 쓰는 작은 수 ε (Keras의 `keras.backend.epsilon()` 기본값). */
export const EPSILON = 1e-7;

/** 확률 p를 [ε, 1 − ε] 범위로 자릅니다. log(0) = −∞를 피하기 위해서입니다. */
export function clip(p: number): number {
  // TODO: p가 EPSILON보다 작으면 EPSILON을, 1 − EPSILON보다 크면 1 − EPSILON을 돌려주세요.
  return p;
}

/**
 * 교차 엔트로피 e = −Σ_{i=1..c} y_i log(o_i) (식 8.1).
 * y는 정답 분포(보통 원-핫), o는 신경망이 출력한 확률 분포이고, 길이가 부류의 개수 c입니다.
 */
export function crossEntropy(y: number[], o: number[]): number {
  let e = 0;
  for (let i = 0; i < y.length; i++) {
    // TODO: 부류 i의 항 y_i · log(o_i)를 e에서 빼세요. log에 넣기 전에 o_i를 clip()으로 자르세요.
    //       지금은 y_i · o_i를 더하기만 합니다.
    e += y[i]! * o[i]!;
  }
  return e;
}

/** 미니 배치의 손실: 샘플마다 교차 엔트로피를 구해 평균합니다. */
export function meanCrossEntropy(ys: number[][], os: number[][]): number {
  // TODO: 샘플 n마다 crossEntropy(ys[n], os[n])를 구해 평균을 돌려주세요.
  return crossEntropy(ys[0]!, os[0]!);
}

/**
 * 초점 손실 FL(p_t) = −α_t (1 − p_t)^γ log(p_t) (Lin et al. 2017).
 * p는 부류 1일 확률, y는 정답(0 또는 1)이고, p_t = y = 1이면 p, 아니면 1 − p,
 * α_t = y = 1이면 α, 아니면 1 − α입니다.
 */
export function focalLoss(p: number, y: 0 | 1, gamma: number, alpha: number): number {
  // TODO: 1) p_t를 구해 clip()으로 자르세요. 지금은 y와 상관없이 p를 그대로 씁니다.
  const pt = p;
  // TODO: 2) α_t를 구하세요. 지금은 y와 상관없이 α를 씁니다.
  const alphaT = alpha;
  // TODO: 3) 조절 인자 (1 − p_t)^γ를 곱하세요. 지금은 α를 곱한 교차 엔트로피 −α_t log(p_t)입니다.
  void [y, gamma];
  return -alphaT * Math.log(pt);
}

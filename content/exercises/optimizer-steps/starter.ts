/**
 * 모멘텀을 쓰는 SGD로 가중치를 스텝마다 갱신하고, 매 스텝이 끝난 뒤의 가중치를 모두 돌려줍니다.
 * grads[t]는 스텝 t의 그레이디언트 ∂J/∂W이고, 속도 V는 0에서 시작합니다.
 *   V ← αV − ρ·∂J/∂W,  W ← W + V   (식 8.5, α = momentum, ρ = learningRate)
 * momentum = 0이면 고전적인 SGD W ← W − ρ·∂J/∂W입니다.
 */
export function momentumSteps(w0: number[], grads: number[][], learningRate: number, momentum: number): number[][] {
  const w = [...w0];
  const velocity = w0.map(() => 0);
  const history: number[][] = [];
  for (const g of grads) {
    for (let i = 0; i < w.length; i++) {
      // TODO: 식 8.5대로 속도를 갱신하세요: V ← α·V − ρ·g (α = momentum).
      //       지금은 이전 속도를 버리므로 모멘텀이 없는 SGD와 같습니다.
      velocity[i] = -learningRate * g[i]!;
      w[i]! += velocity[i]!;
    }
    history.push([...w]);
  }
  void momentum;
  return history;
}

/**
 * Adam으로 가중치를 스텝마다 갱신하고, 매 스텝이 끝난 뒤의 가중치를 모두 돌려줍니다.
 * 스텝 t = 1, 2, …에서 (m, v는 0에서 시작)
 *   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *   m̂ = m / (1 − β1^t),      v̂ = v / (1 − β2^t)
 *   W ← W − ρ·m̂ / (√v̂ + ε)   (TF.js의 tf.train.adam과 같은 식)
 */
export function adamSteps(w0: number[], grads: number[][], learningRate: number, beta1: number, beta2: number, epsilon: number): number[][] {
  const w = [...w0];
  const m = w0.map(() => 0);
  const v = w0.map(() => 0);
  const history: number[][] = [];
  for (const g of grads) {
    for (let i = 0; i < w.length; i++) {
      // TODO: 1) 1차 모멘트 m[i]와 2차 모멘트 v[i]를 갱신하세요.
      //       2) 편향을 보정한 m̂, v̂를 구하세요. 스텝 번호 t는 1부터 셉니다.
      //       3) w[i]에서 ρ·m̂ / (√v̂ + ε)를 빼세요.
      //       지금은 그레이디언트의 부호 방향으로 ρ씩만 움직입니다.
      w[i]! -= learningRate * Math.sign(g[i]!);
    }
    history.push([...w]);
  }
  void [m, v, beta1, beta2, epsilon];
  return history;
}

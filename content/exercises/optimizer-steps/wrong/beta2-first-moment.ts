// expect-fail: adam.five-steps
// β1 and β2 are swapped (β2 drives the first moment, β1 the second, corrections alike): the first step is right, later ones are not.
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
      velocity[i] = momentum * velocity[i]! - learningRate * g[i]!;
      w[i]! += velocity[i]!;
    }
    history.push([...w]);
  }
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
  grads.forEach((g, step) => {
    const t = step + 1;
    for (let i = 0; i < w.length; i++) {
      m[i] = beta2 * m[i]! + (1 - beta2) * g[i]!;
      v[i] = beta1 * v[i]! + (1 - beta1) * g[i]! ** 2;
      const mHat = m[i]! / (1 - beta2 ** t);
      const vHat = v[i]! / (1 - beta1 ** t);
      w[i]! -= (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
    history.push([...w]);
  });
  return history;
}

// expect-fail: grad.small
// Averages the contributions over the output positions instead of summing them.
/**
 * 합성곱 Y = X ⋆ K + b (채널 하나, 'valid', 스트라이드 stride)에서 손실 L의 커널 그레이디언트 ∂L/∂K.
 * outputGradient는 출력 그레이디언트 G = ∂L/∂Y이고, 결과의 모양은 kernelSize입니다.
 * 커널은 출력의 모든 위치에서 쓰이므로 위치마다의 기여를 모두 더합니다. 결과는 입력과 G의 상관입니다:
 *   ∂L/∂K[a][b] = Σ_i Σ_j X[i·stride + a][j·stride + b] · G[i][j]
 */
export function kernelGradient(input: number[][], outputGradient: number[][], kernelSize: [number, number], stride: number): number[][] {
  const [kh, kw] = kernelSize;
  const gradient = Array.from({ length: kh }, () => new Array<number>(kw).fill(0));

  // 출력의 위치 (i, j)마다: Y[i][j]는 입력 (i·stride, j·stride)에서 시작하는 kh×kw 창과 커널을 곱해 더한 값이었습니다.
  for (let i = 0; i < outputGradient.length; i++) {
    for (let j = 0; j < outputGradient[i]!.length; j++) {
      const g = outputGradient[i]![j]!; // ∂L/∂Y[i][j]
      const top = i * stride;
      const left = j * stride;
      // ∂Y[i][j]/∂K[a][b]는 그 칸과 겹친 입력 값 X[top + a][left + b]입니다.
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) {
          gradient[a]![b]! += g * input[top + a]![left + b]!;
        }
      }
    }
  }
  const positions = outputGradient.length * outputGradient[0]!.length;
  return gradient.map((row) => row.map((v) => v / positions));
}

/** 절편 b는 출력의 모든 위치에 더해지므로(∂Y[i][j]/∂b = 1) ∂L/∂b = Σ_i Σ_j G[i][j]입니다. */
export function biasGradient(outputGradient: number[][]): number {
  let sum = 0;
  for (const row of outputGradient) {
    for (const g of row) sum += g;
  }
  return sum;
}

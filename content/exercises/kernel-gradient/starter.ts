/**
 * 합성곱 Y = X ⋆ K + b (채널 하나, 'valid', 스트라이드 stride)에서 손실 L의 커널 그레이디언트 ∂L/∂K.
 * outputGradient는 출력 그레이디언트 G = ∂L/∂Y이고, 결과의 모양은 kernelSize입니다.
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
      // TODO: 이 위치는 커널의 모든 칸 (a, b)에 기여합니다. 칸마다 ∂L/∂Y[i][j] · ∂Y[i][j]/∂K[a][b]를
      //       gradient[a][b]에 더하세요. 지금은 (0, 0) 칸만 계산합니다.
      gradient[0]![0]! += g * input[top]![left]!;
    }
  }
  return gradient;
}

/** 절편의 그레이디언트 ∂L/∂b. */
export function biasGradient(outputGradient: number[][]): number {
  // TODO: 절편 b는 출력의 모든 위치에 똑같이 더해집니다(∂Y[i][j]/∂b = 1).
  //       그러면 ∂L/∂b는 G로 어떻게 나타낼까요? 지금은 (0, 0) 위치만 봅니다.
  return outputGradient[0]![0]!;
}

export type Padding = 'same' | 'valid';

/**
 * 채널이 하나인 이미지와 커널의 2차원 합성곱(교차 상관).
 * `tf.conv2d(image[1, H, W, 1], kernel[kh, kw, 1, 1], stride, padding)`과 같은 값을 돌려줍니다.
 */
export function convolve2d(image: number[][], kernel: number[][], stride: number, padding: Padding): number[][] {
  const height = image.length;
  const width = image[0]!.length;
  const kh = kernel.length;
  const kw = kernel[0]!.length;

  // 1) 출력 크기와 위·왼쪽 패딩을 정합니다. 'valid'이면 패딩이 없습니다.
  const outHeight = Math.floor((height - kh) / stride) + 1; // TODO: 'same'일 때는?
  const outWidth = Math.floor((width - kw) / stride) + 1;
  const padTop = 0; // TODO: 'same'일 때 위쪽에 덧붙일 줄 수
  const padLeft = 0;

  // 2) 출력의 (i, j)마다 커널을 겹쳐 곱한 값을 더합니다. 입력 밖(패딩)은 0입니다.
  const output: number[][] = [];
  for (let i = 0; i < outHeight; i++) {
    const row: number[] = [];
    for (let j = 0; j < outWidth; j++) {
      let sum = 0;
      // TODO: 커널의 (a, b)와 입력의 (i * stride + a - padTop, j * stride + b - padLeft)를 곱해 더하세요.
      row.push(sum);
    }
    output.push(row);
  }
  return output;
}

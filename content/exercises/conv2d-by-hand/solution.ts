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

  let outHeight = Math.floor((height - kh) / stride) + 1;
  let outWidth = Math.floor((width - kw) / stride) + 1;
  let padTop = 0;
  let padLeft = 0;
  if (padding === 'same') {
    outHeight = Math.ceil(height / stride);
    outWidth = Math.ceil(width / stride);
    // 마지막 창이 입력 끝을 넘는 만큼이 전체 패딩이고, 홀수이면 남는 한 줄은 아래·오른쪽으로 갑니다.
    padTop = Math.floor(Math.max((outHeight - 1) * stride + kh - height, 0) / 2);
    padLeft = Math.floor(Math.max((outWidth - 1) * stride + kw - width, 0) / 2);
  }

  const output: number[][] = [];
  for (let i = 0; i < outHeight; i++) {
    const row: number[] = [];
    for (let j = 0; j < outWidth; j++) {
      let sum = 0;
      for (let a = 0; a < kh; a++) {
        const y = i * stride + a - padTop;
        if (y < 0 || y >= height) continue; // 패딩(0)은 곱해도 0입니다.
        for (let b = 0; b < kw; b++) {
          const x = j * stride + b - padLeft;
          if (x < 0 || x >= width) continue;
          sum += image[y]![x]! * kernel[a]![b]!;
        }
      }
      row.push(sum);
    }
    output.push(row);
  }
  return output;
}

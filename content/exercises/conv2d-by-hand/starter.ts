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

  // 1) 출력 크기와 위·왼쪽 패딩. 'valid'이면 패딩이 없습니다.
  let outHeight = Math.floor((height - kh) / stride) + 1;
  let outWidth = Math.floor((width - kw) / stride) + 1;
  let padTop = 0;
  let padLeft = 0;
  if (padding === 'same') {
    // TODO: 출력 크기를 ⌈입력 / 스트라이드⌉로 바꾸고, 위쪽·왼쪽에 덧붙일 줄 수를 계산하세요.
    //       (전체 패딩이 홀수이면 남는 한 줄은 아래·오른쪽으로 갑니다.)
  }

  // 2) 출력의 (i, j)마다 커널을 겹쳐 곱한 값을 더합니다. 입력 밖(패딩)은 0이라 건너뜁니다.
  const output: number[][] = [];
  for (let i = 0; i < outHeight; i++) {
    const row: number[] = [];
    for (let j = 0; j < outWidth; j++) {
      let sum = 0;
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) {
          const y = i * stride + a - padTop;
          const x = j * stride + b - padLeft;
          if (y < 0 || y >= height || x < 0 || x >= width) continue;
          // TODO: 입력 image[y][x]와 커널 kernel[a][b]를 곱해 sum에 더하세요.
        }
      }
      row.push(sum);
    }
    output.push(row);
  }
  return output;
}

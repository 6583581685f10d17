// expect-fail: layer.four-channels
// Pads like TF's 'same' (an odd total padding puts the extra row only at the bottom/right) instead of the same number of rows on each side.
export type Padding = 'zero' | 'replicate';

/**
 * 덧댄 입력의 화소 값. `y`, `x`는 원래 입력의 좌표라서 음수이거나 크기를 넘을 수 있습니다.
 * 'zero'(0 덧대기)는 바깥을 0으로, 'replicate'(복사 덧대기)는 가장 가까운 경계 화소의 값으로 채웁니다.
 */
export function paddedPixel(input: number[][][], y: number, x: number, c: number, padding: Padding): number {
  const height = input.length;
  const width = input[0]!.length;
  if (y >= 0 && y < height && x >= 0 && x < width) return input[y]![x]![c]!;
  if (padding === 'zero') return 0;
  // 좌표를 0 … 크기−1 안으로 자르면 가장 가까운 경계 화소입니다.
  const nearestY = Math.min(Math.max(y, 0), height - 1);
  const nearestX = Math.min(Math.max(x, 0), width - 1);
  return input[nearestY]![nearestX]![c]!;
}

/**
 * 컨볼루션층 하나: 3차원 필터 F개로 합성곱하고 바이어스를 더한 뒤 ReLU를 적용합니다.
 * - input: 높이×너비×채널(H×W×C)
 * - filters: 커널 높이×커널 너비×입력 채널×필터 수(kh×kw×C×F), tf.conv2d의 필터와 같은 배치
 * - biases: 필터마다 하나(F개)
 * 위·아래에 ⌊kh/2⌋줄, 왼쪽·오른쪽에 ⌊kw/2⌋줄을 덧대고, 결과는 H'×W'×F입니다.
 */
export function convLayer(input: number[][][], filters: number[][][][], biases: number[], stride: number, padding: Padding): number[][][] {
  const height = input.length;
  const width = input[0]!.length;
  const channels = input[0]![0]!.length;
  const kh = filters.length;
  const kw = filters[0]!.length;
  const count = biases.length;

  const padY = Math.floor(kh / 2);
  const padX = Math.floor(kw / 2);
  const outHeight = Math.floor((height + 2 * padY - kh) / stride) + 1;
  const outWidth = Math.floor((width + 2 * padX - kw) / stride) + 1;
  const top = Math.floor(Math.max((outHeight - 1) * stride + kh - height, 0) / 2);
  const left = Math.floor(Math.max((outWidth - 1) * stride + kw - width, 0) / 2);

  const output: number[][][] = [];
  for (let i = 0; i < outHeight; i++) {
    const row: number[][] = [];
    for (let j = 0; j < outWidth; j++) {
      const pixel: number[] = [];
      for (let f = 0; f < count; f++) {
        let sum = 0;
        for (let a = 0; a < kh; a++) {
          for (let b = 0; b < kw; b++) {
            const y = i * stride + a - top;
            const x = j * stride + b - left;
            // 필터의 깊이는 입력의 채널 수와 같아서, 채널 방향으로도 모두 곱해 더합니다.
            for (let c = 0; c < channels; c++) {
              sum += paddedPixel(input, y, x, c, padding) * filters[a]![b]![c]![f]!;
            }
          }
        }
        pixel.push(Math.max(0, sum + biases[f]!));
      }
      row.push(pixel);
    }
    output.push(row);
  }
  return output;
}

export type Padding = 'same' | 'valid';
export type Shape = [height: number, width: number, channels: number];

/** 컨볼루션층 하나의 연산량. */
export interface ConvCost {
  /** 출력 특징 맵의 [높이, 너비, 채널]. */
  outputShape: Shape;
  /** 출력 값 하나를 구하는 곱셈·덧셈 횟수: 필터의 가중치 수(k·h²)에 바이어스 덧셈 1. */
  perOutput: number;
  /** 층 전체의 횟수: 출력 값의 개수 × perOutput. */
  total: number;
}

/** 한 변의 길이가 `size`인 입력에서 필터가 놓이는 위치의 수. */
export function outputSize(size: number, kernel: number, stride: number, padding: Padding): number {
  // 'same'은 모자란 만큼 0을 덧대므로 ⌈size / stride⌉입니다.
  if (padding === 'same') return Math.ceil(size / stride);
  // TODO: 'valid'에서 보폭이 1보다 클 때도 맞도록 고치세요: ⌊(size − kernel) / stride⌋ + 1
  return size - kernel + 1;
}

/** 입력 [높이, 너비, 깊이 k]에 h×h 필터 `filters`개를 보폭 `stride`로 적용하는 층의 연산량. */
export function convCost(input: Shape, filters: number, kernel: number, stride: number, padding: Padding): ConvCost {
  const [height, width] = input;
  const outputShape: Shape = [outputSize(height, kernel, stride, padding), outputSize(width, kernel, stride, padding), filters];
  // TODO: 필터의 깊이는 입력 깊이(input[2])와 같습니다. 가중치 수를 고치고 바이어스 덧셈 1을 더하세요.
  const perOutput = kernel * kernel;
  // TODO: 출력 값의 개수(높이 × 너비 × 채널)에 perOutput을 곱하세요.
  const total = 0;
  return { outputShape, perOutput, total };
}

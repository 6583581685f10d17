// expect-fail: cost.document-step1
// The bias add is not counted: k·h² instead of k·h² + 1 (27 instead of 28).
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
  // 'same'은 모자란 만큼 0을 덧대므로 ⌈size / stride⌉, 'valid'는 필터가 입력 안에 다 들어가는 위치만 셉니다.
  if (padding === 'same') return Math.ceil(size / stride);
  return Math.floor((size - kernel) / stride) + 1;
}

/** 입력 [높이, 너비, 깊이 k]에 h×h 필터 `filters`개를 보폭 `stride`로 적용하는 층의 연산량. */
export function convCost(input: Shape, filters: number, kernel: number, stride: number, padding: Padding): ConvCost {
  const [height, width, depth] = input;
  const outputShape: Shape = [outputSize(height, kernel, stride, padding), outputSize(width, kernel, stride, padding), filters];
  // 필터의 깊이는 입력의 깊이와 같으므로 가중치는 k·h²개이고, 바이어스를 더하는 한 번을 더합니다.
  const perOutput = depth * kernel * kernel;
  // 출력 특징 맵의 값 하나하나가 perOutput번의 계산으로 만들어집니다.
  const total = outputShape[0] * outputShape[1] * outputShape[2] * perOutput;
  return { outputShape, perOutput, total };
}

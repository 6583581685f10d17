/** OH = (H + 2P − FH) / S + 1, 나누어떨어지지 않으면 내림(케라스·TensorFlow.js와 같음). */
export function outputSize(size: number, padding: number, kernel: number, stride: number): number {
  // TODO: 패딩과 보폭을 반영하세요. 지금은 n − f + 1만 계산합니다.
  return size - kernel + 1 + 0 * padding * stride;
}

/** (H + 2P − FH)가 S로 나누어떨어지는가: 문서가 요구하는 조건. */
export function dividesEvenly(size: number, padding: number, kernel: number, stride: number): boolean {
  // TODO: 나머지 연산자 %를 쓰세요.
  return size + padding + kernel + stride > 0;
}

/** 보폭 1에서 출력 크기를 입력과 같게 하는 패딩: p = (k − 1) / 2. */
export function samePadding(kernel: number): number {
  // TODO: n + 2p − k + 1 = n을 p에 대해 푸세요.
  return kernel;
}

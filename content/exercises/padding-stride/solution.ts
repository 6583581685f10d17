/** OH = (H + 2P − FH) / S + 1, 나누어떨어지지 않으면 내림(케라스·TensorFlow.js와 같음). */
export function outputSize(size: number, padding: number, kernel: number, stride: number): number {
  // 덧댄 입력의 길이 H + 2P에서 필터가 놓일 수 있는 첫 자리 0부터 마지막 자리 H + 2P − FH까지, S칸씩.
  return Math.floor((size + 2 * padding - kernel) / stride) + 1;
}

/** (H + 2P − FH)가 S로 나누어떨어지는가: 문서가 요구하는 조건. */
export function dividesEvenly(size: number, padding: number, kernel: number, stride: number): boolean {
  return (size + 2 * padding - kernel) % stride === 0;
}

/** 보폭 1에서 출력 크기를 입력과 같게 하는 패딩: p = (k − 1) / 2. */
export function samePadding(kernel: number): number {
  // n + 2p − k + 1 = n이 되려면 2p = k − 1입니다.
  return (kernel - 1) / 2;
}

export type Padding = 'same' | 'valid';
export type Shape = [height: number, width: number, channels: number];
export type LayerSettings =
  | { type: 'conv2d'; filters: number; kernelSize: number; strides?: number; padding?: Padding }
  | { type: 'maxPooling2d'; poolSize: number; strides?: number; padding?: Padding };

/** 한 변의 길이가 `size`인 입력에 창(커널·풀링)을 `stride`씩 옮겨 가며 놓을 수 있는 위치의 수. */
export function outputSize(size: number, window: number, stride: number, padding: Padding): number {
  // 'same'은 모자란 만큼 0을 덧붙이므로 창이 놓이는 위치는 ⌈size / stride⌉개입니다.
  if (padding === 'same') return Math.ceil(size / stride);
  // TODO: 'valid'에서 스트라이드가 1보다 클 때도 맞도록 고치세요.
  return size - window + 1;
}

/** `input`이 층 하나를 지난 뒤의 [높이, 너비, 채널]. */
export function outputShape(input: Shape, layer: LayerSettings): Shape {
  const [height, width, channels] = input;
  if (layer.type === 'conv2d') {
    const stride = layer.strides ?? 1;
    const padding = layer.padding ?? 'valid';
    // TODO: 합성곱 층은 채널 수를 무엇으로 바꾸나요?
    return [outputSize(height, layer.kernelSize, stride, padding), outputSize(width, layer.kernelSize, stride, padding), channels];
  }
  // TODO: 풀링 층의 스트라이드 기본값과 출력 모양을 계산하세요.
  return [height, width, channels];
}

/** 층을 차례로 지날 때 각 층의 출력 모양. */
export function outputShapes(input: Shape, layers: LayerSettings[]): Shape[] {
  const shapes: Shape[] = [];
  let shape = input;
  for (const layer of layers) {
    shape = outputShape(shape, layer);
    shapes.push(shape);
  }
  return shapes;
}

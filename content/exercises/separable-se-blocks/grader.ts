import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { expectValues } from '../../../graders/checks.ts';
import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { blockCheck, type Shape3 } from '../vgg-inception-blocks/grader.ts';

/**
 * Document 004 (CNN 모델의 발전): the depthwise separable convolution of Xception and MobileNet
 * (as Keras's MobileNet builds its blocks), the weights it saves against a standard convolution,
 * and SENet's squeeze-and-excitation block. References are built with TF.js's layers; the SE block
 * is also run: its output must be the input scaled by one factor in (0, 1) per channel.
 */
type Sym = tfl.SymbolicTensor;

function separableReference(filters: number, strides: number) {
  return ({ layers }: typeof tfl, input: Sym): Sym => {
    const bnRelu = (x: Sym) => layers.reLU({ maxValue: 6 }).apply(layers.batchNormalization().apply(x)) as Sym;
    const x = bnRelu(layers.depthwiseConv2d({ kernelSize: 3, strides, padding: 'same', useBias: false }).apply(input) as Sym);
    return bnRelu(layers.conv2d({ filters, kernelSize: 1, useBias: false }).apply(x) as Sym);
  };
}

function seReference(ratio: number) {
  return ({ layers }: typeof tfl, input: Sym): Sym => {
    const channels = input.shape[3]!;
    let s = layers.globalAveragePooling2d({}).apply(input) as Sym;
    s = layers.dense({ units: Math.floor(channels / ratio), activation: 'relu' }).apply(s) as Sym;
    s = layers.dense({ units: channels, activation: 'sigmoid' }).apply(s) as Sym;
    s = layers.reshape({ targetShape: [1, 1, channels] }).apply(s) as Sym;
    return layers.multiply().apply([input, s]) as Sym;
  };
}

/** Run the rebuilt block: y / x must be one number per channel (the same at every position), in (0, 1). */
function rescalesChannels(input: Shape3) {
  return (model: LayersModel, { tf }: GradingContext): string | undefined => {
    const [spread, low, high] = tf.tidy(() => {
      const x = tf.randomUniform([2, ...input], 0.5, 1.5, 'float32', 11);
      const ratio = tf.div(model.predict(x) as ReturnType<typeof tf.add>, x);
      const spread = tf.max(tf.sub(tf.max(ratio, [1, 2]), tf.min(ratio, [1, 2])));
      return [spread.dataSync()[0]!, tf.min(ratio).dataSync()[0]!, tf.max(ratio).dataSync()[0]!];
    });
    if (!(spread <= 1e-4)) return `출력 ÷ 입력이 같은 채널 안에서도 위치마다 다릅니다(최대 차이 ${spread.toFixed(4)}). SE 블록은 채널마다 한 값을 입력 전체에 곱합니다.`;
    if (!(low > 0 && high < 1)) return `채널마다 곱하는 값이 ${low.toFixed(3)}~${high.toFixed(3)}입니다. 시그모이드를 거친 0과 1 사이의 값이어야 합니다.`;
    return undefined;
  };
}

/** Weights (no biases) of a standard k×k convolution and of its depthwise separable version, counted by TF.js's own layers. */
function builtSaving({ tf }: GradingContext, channels: number, filters: number, kernel: number): [number, number] {
  const input = tfl.input({ shape: [kernel, kernel, channels] });
  const standard = tfl.layers.conv2d({ filters, kernelSize: kernel, useBias: false });
  const depthwise = tfl.layers.depthwiseConv2d({ kernelSize: kernel, useBias: false });
  const pointwise = tfl.layers.conv2d({ filters, kernelSize: 1, useBias: false });
  const model = tfl.model({ inputs: input, outputs: [standard.apply(input) as Sym, pointwise.apply(depthwise.apply(input)) as Sym] });
  const counts: [number, number] = [standard.countParams(), depthwise.countParams() + pointwise.countParams()];
  model.dispose();
  void tf;
  return counts;
}

const SEPARABLE: { id: string; title: string; input: Shape3; filters: number; strides: number; hint: string }[] = [
  { id: 'separable.stride1', title: '깊이별 분리 합성곱 블록: 8×8×16 → 32, 보폭 1', input: [8, 8, 16], filters: 32, strides: 1, hint: '깊이별 3×3(채널마다 필터 하나, 절편 없음) → BN → ReLU6 → 1×1 합성곱(절편 없음) → BN → ReLU6.' },
  { id: 'separable.stride2', title: '깊이별 분리 합성곱 블록: 9×9×8 → 16, 보폭 2', input: [9, 9, 8], filters: 16, strides: 2, hint: "보폭은 깊이별 합성곱에 줍니다. 'same'이면 9 → ⌈9 / 2⌉ = 5입니다." },
];

const SAVING: { id: string; title: string; args: [number, number, number]; expected: (c: GradingContext) => [number, number]; hint: string }[] = [
  { id: 'saving.small', title: '가중치 비교: 입력 32채널 → 64, 3×3', args: [32, 64, 3], expected: (c) => builtSaving(c, 32, 64, 3), hint: '표준: 3·3·32·64. 분리: 깊이별 3·3·32 + 점별 32·64.' },
  { id: 'saving.kernel5', title: '가중치 비교: 입력 16채널 → 8, 5×5', args: [16, 8, 5], expected: (c) => builtSaving(c, 16, 8, 5), hint: '깊이별 합성곱은 채널마다 k×k 필터 하나만 가집니다: k·k·c.' },
  // Document 004's MobileNet summary: conv_dw_13 has 9,216 weights and conv_pw_13 1,048,576 (1024 → 1024); the standard 3×3 is the course's arithmetic.
  { id: 'saving.mobilenet', title: '가중치 비교: MobileNet의 마지막 블록, 1024 → 1024, 3×3', args: [1024, 1024, 3], expected: () => [3 * 3 * 1024 * 1024, 9_216 + 1_048_576], hint: '문서의 요약표: conv_dw_13 9,216개, conv_pw_13 1,048,576개.' },
];

const SE: { id: string; title: string; input: Shape3; ratio: number; hint: string }[] = [
  { id: 'se.ratio4', title: 'SE 블록: 6×6×16, 축소 비율 4', input: [6, 6, 16], ratio: 4, hint: '전역 평균 풀링(16) → Dense 4(ReLU) → Dense 16(시그모이드) → [1, 1, 16]으로 reshape → 입력과 곱하기(tf.layers.multiply()).' },
  { id: 'se.ratio8', title: 'SE 블록: 5×5×32, 축소 비율 8', input: [5, 5, 32], ratio: 8, hint: '출력은 입력과 같은 모양입니다. 채널마다 0~1의 무게를 곱할 뿐입니다.' },
];

export default defineGrader({
  checks: [
    ...SEPARABLE.map((c) =>
      blockCheck({
        id: c.id,
        title: c.title,
        name: 'separableBlock',
        args: [c.input, c.filters, c.strides],
        inputShape: c.input,
        reference: separableReference(c.filters, c.strides),
        classes: { DepthwiseConv2D: 1, Conv2D: 1, BatchNormalization: 2 },
        hint: c.hint,
      }),
    ),
    ...SAVING.map((c) => expectValues({ id: c.id, title: c.title, call: { name: 'separableSaving', args: c.args }, expected: c.expected, tolerance: 0, hint: c.hint })),
    ...SE.map((c) =>
      blockCheck({
        id: c.id,
        title: c.title,
        name: 'squeezeExcite',
        args: [c.input, c.ratio],
        inputShape: c.input,
        reference: seReference(c.ratio),
        classes: { GlobalAveragePooling2D: 1, Dense: 2, Multiply: 1 },
        extra: rescalesChannels(c.input),
        hint: c.hint,
      }),
    ),
  ],
});

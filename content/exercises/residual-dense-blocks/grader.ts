import type * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { defineGrader } from '../../../graders/types.ts';
import { blockCheck, inboundOf, type Shape3 } from '../vgg-inception-blocks/grader.ts';

/**
 * Document 004 (CNN 모델의 발전): ResNet's residual block with a projection shortcut, as Keras's
 * ResNet50 builds its first block of a stage, and DenseNet's dense block and transition layer, as
 * Keras's DenseNet builds them. The grader builds each reference itself with TF.js's layers.
 */
type Layers = typeof tfl;
type Sym = tfl.SymbolicTensor;

function residualReference(filters: number, strides: number) {
  return ({ layers }: Layers, input: Sym): Sym => {
    const conv = (x: Sym, f: number, k: number, s = 1) => layers.conv2d({ filters: f, kernelSize: k, strides: s, padding: 'same' }).apply(x) as Sym;
    const bn = (x: Sym) => layers.batchNormalization().apply(x) as Sym;
    const relu = (x: Sym) => layers.reLU().apply(x) as Sym;
    let x = relu(bn(conv(input, filters, 1, strides)));
    x = relu(bn(conv(x, filters, 3)));
    x = bn(conv(x, 4 * filters, 1));
    const shortcut = bn(conv(input, 4 * filters, 1, strides));
    return relu(layers.add().apply([x, shortcut]) as Sym);
  };
}

/** The Add joins the main path and a 1×1 convolution (with the block's stride) of the block's input. */
function projectionShortcut(strides: number) {
  return (model: LayersModel): string | undefined => {
    const add = model.layers.find((l) => l.getClassName() === 'Add');
    if (!add) return 'Add 층이 없습니다. 지름길은 주 경로의 출력에 더해야(tf.layers.add()) 합니다.';
    const skipNorm = (l: tfl.layers.Layer): tfl.layers.Layer => (l.getClassName() === 'BatchNormalization' && inboundOf(l)[0] ? skipNorm(inboundOf(l)[0]!) : l);
    const projection = inboundOf(add)
      .map(skipNorm)
      .find((l) => l.getClassName() === 'Conv2D' && inboundOf(l)[0]?.getClassName() === 'InputLayer');
    if (!projection) return 'Add의 입력 중 하나가 블록의 입력에서 바로 온 1×1 합성곱(지름길의 투영)이어야 합니다.';
    const config = projection.getConfig() as { kernelSize: number[]; strides: number[] };
    if (config.kernelSize[0] !== 1 || config.kernelSize[1] !== 1) return `지름길의 합성곱 커널이 ${config.kernelSize.join('×')}입니다. 투영은 1×1 합성곱입니다.`;
    if (config.strides[0] !== strides) return `지름길의 보폭이 ${config.strides[0]}입니다. 주 경로와 같은 ${strides}여야 두 텐서의 크기가 맞습니다.`;
    return undefined;
  };
}

function denseReference(blocks: number, growth: number, reduction?: number) {
  return ({ layers }: Layers, input: Sym): Sym => {
    const bnRelu = (x: Sym) => layers.reLU().apply(layers.batchNormalization().apply(x)) as Sym;
    let x = input;
    for (let i = 0; i < blocks; i++) {
      let y = layers.conv2d({ filters: 4 * growth, kernelSize: 1, useBias: false }).apply(bnRelu(x)) as Sym;
      y = layers.conv2d({ filters: growth, kernelSize: 3, padding: 'same', useBias: false }).apply(bnRelu(y)) as Sym;
      x = layers.concatenate().apply([x, y]) as Sym;
    }
    if (reduction === undefined) return x;
    const channels = x.shape[3]!;
    x = layers.conv2d({ filters: Math.floor(channels * reduction), kernelSize: 1, useBias: false }).apply(bnRelu(x)) as Sym;
    return layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(x) as Sym;
  };
}

const RESIDUAL: { id: string; title: string; input: Shape3; filters: number; strides: number; hint: string }[] = [
  { id: 'residual.stride1', title: '잔차 블록: 8×8×16, filters 4, 보폭 1', input: [8, 8, 16], filters: 4, strides: 1, hint: '출력 채널은 4 × filters = 16입니다. 입력 채널과 같아도, 이 블록은 지름길에 1×1 합성곱 + 배치 정규화를 둡니다.' },
  { id: 'residual.stride2', title: '잔차 블록: 8×8×8, filters 4, 보폭 2', input: [8, 8, 8], filters: 4, strides: 2, hint: '보폭 2는 주 경로의 첫 1×1과 지름길의 1×1에 함께 줍니다. 8 → 4, 채널 8 → 16.' },
  { id: 'residual.wide', title: '잔차 블록: 6×6×12, filters 6, 보폭 2', input: [6, 6, 12], filters: 6, strides: 2, hint: '합성곱은 모두 절편을 쓰고(케라스 ResNet50처럼), 각 합성곱 뒤에 배치 정규화가 있습니다. 더한 뒤에 ReLU를 적용합니다.' },
];

const DENSE: { id: string; title: string; input: Shape3; blocks: number; growth: number; reduction?: number; hint: string }[] = [
  { id: 'dense.block', title: '밀집 블록: 8×8×16, 층 3개, 성장률 4', input: [8, 8, 16], blocks: 3, growth: 4, hint: '층마다 새 특징 맵 growthRate개를 앞의 모든 특징 맵에 이어 붙입니다: 16 + 3 × 4 = 28.' },
  { id: 'dense.block-wide', title: '밀집 블록: 6×6×8, 층 2개, 성장률 6', input: [6, 6, 8], blocks: 2, growth: 6, hint: "층 하나는 BN → ReLU → 1×1(4 × growthRate, 절편 없음) → BN → ReLU → 3×3(growthRate, same, 절편 없음)입니다." },
  { id: 'dense.stage', title: '밀집 블록 + 전이층: 8×8×16, 층 4개, 성장률 6, 압축 0.5', input: [8, 8, 16], blocks: 4, growth: 6, reduction: 0.5, hint: '전이층은 BN → ReLU → 1×1 합성곱(채널 × reduction, 내림) → 2×2 평균 풀링(보폭 2)입니다: 40 → 20채널, 8 → 4.' },
];

export default defineGrader({
  checks: [
    ...RESIDUAL.map((c) =>
      blockCheck({
        id: c.id,
        title: c.title,
        name: 'residualBlock',
        args: [c.input, c.filters, c.strides],
        inputShape: c.input,
        reference: residualReference(c.filters, c.strides),
        classes: { Conv2D: 4, BatchNormalization: 4, Add: 1 },
        extra: projectionShortcut(c.strides),
        hint: c.hint,
      }),
    ),
    ...DENSE.map((c) =>
      blockCheck({
        id: c.id,
        title: c.title,
        name: c.reduction === undefined ? 'denseBlock' : 'denseStage',
        args: c.reduction === undefined ? [c.input, c.blocks, c.growth] : [c.input, c.blocks, c.growth, c.reduction],
        inputShape: c.input,
        reference: denseReference(c.blocks, c.growth, c.reduction),
        classes: { Concatenate: c.blocks, ...(c.reduction === undefined ? {} : { AveragePooling2D: 1 }) },
        hint: c.hint,
      }),
    ),
  ],
});

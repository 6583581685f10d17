import * as tfl from '@tensorflow/tfjs-layers';
import { expectValues } from '../../../graders/checks.ts';
import { defineGrader } from '../../../graders/types.ts';
import { paramCounts } from '../vgg-inception-blocks/grader.ts';

/**
 * Document 004 (CNN 모델의 발전): a whole architecture's parameter count from its configuration,
 * by arithmetic. The document's two summaries are the figures for the full-size models (VGG19:
 * 143,667,240; MobileNet 1.0 224: 4,253,864, of which 21,888 non-trainable), never built here;
 * every other configuration is small, and the grader builds it with TF.js's layers and counts.
 */
type Sym = tfl.SymbolicTensor;

export interface VggConfig {
  inputShape: [number, number, number];
  blocks: [filters: number, convs: number][];
  dense: number[];
  classes: number;
  includeTop: boolean;
}

export interface MobileNetConfig {
  alpha: number;
  inputSize: number;
  classes: number;
  includeTop: boolean;
}

/** The architecture as Keras's VGG builds it (3×3 same ReLU convolutions, 2×2 pooling per block, Flatten and Dense on top). */
function builtVgg(c: VggConfig): number {
  const input = tfl.input({ shape: c.inputShape });
  let x = input;
  for (const [filters, convs] of c.blocks) {
    for (let i = 0; i < convs; i++) x = tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as Sym;
    x = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(x) as Sym;
  }
  if (c.includeTop) {
    x = tfl.layers.flatten().apply(x) as Sym;
    for (const units of c.dense) x = tfl.layers.dense({ units, activation: 'relu' }).apply(x) as Sym;
    x = tfl.layers.dense({ units: c.classes, activation: 'softmax' }).apply(x) as Sym;
  }
  const model = tfl.model({ inputs: input, outputs: x });
  const total = model.countParams();
  model.dispose();
  return total;
}

/** MobileNet v1 as Keras builds it: width multiplier alpha on every layer's filters, no biases but the classifier's. */
export const MOBILENET_BLOCKS: [filters: number, strides: number][] = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1],
];

function builtMobileNet(c: MobileNetConfig): [number, number, number] {
  const input = tfl.input({ shape: [c.inputSize, c.inputSize, 3] });
  const bnRelu = (x: Sym) => tfl.layers.reLU({ maxValue: 6 }).apply(tfl.layers.batchNormalization().apply(x)) as Sym;
  let x = bnRelu(tfl.layers.conv2d({ filters: Math.floor(32 * c.alpha), kernelSize: 3, strides: 2, padding: 'same', useBias: false }).apply(input) as Sym);
  for (const [filters, strides] of MOBILENET_BLOCKS) {
    x = bnRelu(tfl.layers.depthwiseConv2d({ kernelSize: 3, strides, padding: 'same', useBias: false }).apply(x) as Sym);
    x = bnRelu(tfl.layers.conv2d({ filters: Math.floor(filters * c.alpha), kernelSize: 1, useBias: false }).apply(x) as Sym);
  }
  if (c.includeTop) {
    x = tfl.layers.globalAveragePooling2d({}).apply(x) as Sym;
    x = tfl.layers.reshape({ targetShape: [1, 1, x.shape[1]!] }).apply(x) as Sym;
    x = tfl.layers.conv2d({ filters: c.classes, kernelSize: 1, padding: 'same' }).apply(x) as Sym;
    x = tfl.layers.reshape({ targetShape: [c.classes] }).apply(x) as Sym;
  }
  const model = tfl.model({ inputs: input, outputs: x });
  const { total, trainable, nonTrainable } = paramCounts(model);
  model.dispose();
  return [total, trainable, nonTrainable];
}

const VGG19_BLOCKS: VggConfig['blocks'] = [[64, 2], [128, 2], [256, 4], [512, 4], [512, 4]];
const VGG16_BLOCKS: VggConfig['blocks'] = [[64, 2], [128, 2], [256, 3], [512, 3], [512, 3]];

const VGG: { id: string; title: string; config: VggConfig; expected: () => number; hint: string }[] = [
  {
    id: 'vgg.vgg19',
    title: 'VGG19, 224×224×3, 분류기 포함 (문서의 요약표)',
    config: { inputShape: [224, 224, 3], blocks: VGG19_BLOCKS, dense: [4096, 4096], classes: 1000, includeTop: true },
    expected: () => 143_667_240,
    hint: '합성곱은 k·k·입력 채널·필터 + 필터(절편), Dense는 입력·유닛 + 유닛입니다. Flatten의 입력은 7 × 7 × 512 = 25,088개입니다.',
  },
  {
    id: 'vgg.vgg16-base-150',
    title: 'VGG16 합성곱 기반, 150×150×3, 분류기 없음 (문서 000의 5.3절)',
    config: { inputShape: [150, 150, 3], blocks: VGG16_BLOCKS, dense: [4096, 4096], classes: 1000, includeTop: false },
    expected: () => 14_714_688,
    hint: 'includeTop이 false이면 Flatten과 Dense가 없습니다. 합성곱의 파라미터는 입력 크기와 상관이 없습니다.',
  },
  {
    id: 'vgg.small-odd',
    title: '작은 VGG, 36×36×3, [[8, 2], [16, 2], [16, 1]], Dense [32], 10부류 (채점기가 직접 만들어 셈)',
    config: { inputShape: [36, 36, 3], blocks: [[8, 2], [16, 2], [16, 1]], dense: [32], classes: 10, includeTop: true },
    expected: () => builtVgg({ inputShape: [36, 36, 3], blocks: [[8, 2], [16, 2], [16, 1]], dense: [32], classes: 10, includeTop: true }),
    hint: '36 → 18 → 9 → 4: 풀링은 내림하므로 Flatten의 입력은 4 × 4 × 16입니다.',
  },
  {
    id: 'vgg.gray-rect',
    title: '흑백 직사각형 입력, 40×24×1, [[4, 1], [8, 1]], Dense 없음, 5부류 (채점기가 직접 만들어 셈)',
    config: { inputShape: [40, 24, 1], blocks: [[4, 1], [8, 1]], dense: [], classes: 5, includeTop: true },
    expected: () => builtVgg({ inputShape: [40, 24, 1], blocks: [[4, 1], [8, 1]], dense: [], classes: 5, includeTop: true }),
    hint: '높이와 너비를 따로 줄이고(40 → 10, 24 → 6), 첫 합성곱의 입력 채널은 1입니다.',
  },
];

const MOBILENET: { id: string; title: string; config: MobileNetConfig; expected: () => [number, number, number]; hint: string }[] = [
  {
    id: 'mobilenet.document',
    title: 'MobileNet, alpha 1.0, 224, 1000부류 (문서의 요약표)',
    config: { alpha: 1, inputSize: 224, classes: 1000, includeTop: true },
    expected: () => [4_253_864, 4_231_976, 21_888],
    hint: '배치 정규화는 채널마다 4개(γ, β, 이동 평균, 이동 분산)이고, 그중 이동 평균과 이동 분산 2개는 학습되지 않습니다. 분류기는 1×1 합성곱(절편 포함)입니다.',
  },
  {
    id: 'mobilenet.quarter',
    title: 'MobileNet, alpha 0.25, 32, 10부류 (채점기가 직접 만들어 셈)',
    config: { alpha: 0.25, inputSize: 32, classes: 10, includeTop: true },
    expected: () => builtMobileNet({ alpha: 0.25, inputSize: 32, classes: 10, includeTop: true }),
    hint: 'alpha는 모든 층의 필터 수에 곱합니다(내림): 32 → 8, 64 → 16, …, 1024 → 256.',
  },
  {
    id: 'mobilenet.half-base',
    title: 'MobileNet, alpha 0.5, 분류기 없음 (채점기가 직접 만들어 셈)',
    config: { alpha: 0.5, inputSize: 64, classes: 1000, includeTop: false },
    expected: () => builtMobileNet({ alpha: 0.5, inputSize: 64, classes: 1000, includeTop: false }),
    hint: 'includeTop이 false이면 마지막 1×1 분류기가 없습니다. 입력 크기는 파라미터 수에 영향을 주지 않습니다.',
  },
];

export default defineGrader({
  checks: [
    ...VGG.map((c) => expectValues({ id: c.id, title: c.title, call: { name: 'vggParams', args: [c.config] }, expected: c.expected, tolerance: 0, hint: c.hint })),
    ...MOBILENET.map((c) => expectValues({ id: c.id, title: c.title, call: { name: 'mobileNetParams', args: [c.config] }, expected: c.expected, tolerance: 0, hint: c.hint })),
  ],
});

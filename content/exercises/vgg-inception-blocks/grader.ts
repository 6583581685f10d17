import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { customCheck } from '../../../graders/checks.ts';
import { call, defineGrader, type Check, type GradingContext } from '../../../graders/types.ts';
import { modelFromTopology } from '../../../src/runtime/model-artifacts.ts';
import { formatShape } from '../../../src/runtime/model-summary.ts';

/**
 * Document 004 (CNN 모델의 발전): the blocks of VGGNet and GoogLeNet, built by learner functions
 * that return a model. A returned model reaches the grader as its topology (`{ $model }`); the
 * grader rebuilds it, and builds its own reference from the same settings with TF.js's layers, so
 * no shape or count is stored. The helpers here are shared with residual-dense-blocks and
 * separable-se-blocks.
 */
export type Shape3 = [number, number, number];
type Layers = typeof tfl;
type Sym = tfl.SymbolicTensor;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Total, trainable and non-trainable parameters of a built model. */
export function paramCounts(model: LayersModel): { total: number; trainable: number; nonTrainable: number } {
  const size = (ws: readonly { shape: readonly (number | null)[] }[]) => ws.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  const trainable = size(model.trainableWeights);
  const nonTrainable = size(model.nonTrainableWeights);
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

/** The model a learner call returned, rebuilt from its topology, or a Korean reason why there is none. */
export async function returnedModel(context: GradingContext, key: string, name: string): Promise<LayersModel | string> {
  const value = context.values?.[key] as { $model?: object } | undefined;
  if (!value || typeof value !== 'object' || !('$model' in value) || !value.$model) {
    return `${name}()이(가) 모델을 반환하지 않았습니다. tf.model({ inputs, outputs })로 만든 모델을 return 하세요.`;
  }
  return modelFromTopology(value.$model);
}

/** How many layers of each class a model has (InputLayer left out). */
export function classCounts(model: LayersModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const layer of model.layers) {
    const name = layer.getClassName();
    if (name !== 'InputLayer') counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

export interface BlockCase {
  id: string;
  title: string;
  name: string;
  args: unknown[];
  /** The grader's own build of the same block: input → output. */
  reference: (layers: Layers, input: Sym) => Sym;
  inputShape: Shape3;
  /** Layer classes the idea needs, and how many of each. */
  classes?: Record<string, number>;
  /** Anything else the idea needs (a Korean reason when it is missing), on the rebuilt model. */
  extra?: (model: LayersModel, context: GradingContext) => string | undefined;
  hint: string;
}

/** One call of a block-building function: output shape, parameter counts and the layers the idea needs. */
export function blockCheck(c: BlockCase): Check {
  const learnerCall = call(c.id, c.name, c.args);
  return customCheck(
    c.id,
    c.title,
    async (context) => {
      const built = await returnedModel(context, c.id, c.name);
      if (typeof built === 'string') return { passed: false, message: built, expected: '모델', actual: '없음', hint: c.hint };
      const input = tfl.input({ shape: c.inputShape });
      const reference = tfl.model({ inputs: input, outputs: c.reference(tfl, input) });
      try {
        const wantShape = formatShape(reference.outputShape as (number | null)[]);
        const gotShape = formatShape(built.outputShape as (number | null)[]);
        const want = paramCounts(reference);
        const got = paramCounts(built);
        const describe = (p: typeof want) => `파라미터 ${fmt(p.total)}개 (학습 안 됨 ${fmt(p.nonTrainable)})`;
        if (gotShape !== wantShape) {
          return { passed: false, message: `${c.name}()이(가) 만든 모델의 출력이 ${gotShape}입니다.`, expected: wantShape, actual: gotShape, hint: c.hint };
        }
        if (got.total !== want.total || got.nonTrainable !== want.nonTrainable) {
          return { passed: false, message: `${c.name}()이(가) 만든 모델의 ${describe(got)}가 기대와 다릅니다.`, expected: describe(want), actual: describe(got), hint: c.hint };
        }
        const counts = classCounts(built);
        for (const [className, count] of Object.entries(c.classes ?? {})) {
          const have = counts.get(className) ?? 0;
          if (have !== count) {
            return { passed: false, message: `${c.name}()의 모델에 ${className} 층이 ${have}개 있습니다. ${count}개여야 합니다.`, expected: `${className} ${count}개`, actual: `${className} ${have}개`, hint: c.hint };
          }
        }
        const problem = c.extra?.(built, context);
        if (problem) return { passed: false, message: problem, expected: '블록의 구조대로', actual: '다름', hint: c.hint };
        return { passed: true, message: `${c.title}: 출력 ${gotShape}, ${describe(got)}.`, expected: `${wantShape}, ${fmt(want.total)}`, actual: `${gotShape}, ${fmt(got.total)}` };
      } finally {
        reference.dispose();
        built.dispose();
      }
    },
    { calls: [learnerCall] },
  );
}

/** The layer feeding `layer` (first inbound node), or undefined for an input. */
export function inboundOf(layer: tfl.layers.Layer): tfl.layers.Layer[] {
  return layer.inboundNodes[0]?.inboundLayers ?? [];
}

// ---- VGG: blocks of 3×3 same convolutions (ReLU), each block closed by a 2×2 max pooling.

type VggBlock = [filters: number, convs: number];

function vggReference(blocks: VggBlock[]) {
  return (layers: Layers, input: Sym): Sym => {
    let x = input;
    for (const [filters, convs] of blocks) {
      for (let i = 0; i < convs; i++) x = layers.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as Sym;
      x = layers.layers.maxPooling2d({ poolSize: 2 }).apply(x) as Sym;
    }
    return x;
  };
}

const allReluThree = (model: LayersModel): string | undefined => {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Conv2D') continue;
    const config = layer.getConfig() as { kernelSize: number[]; activation: string };
    if (config.kernelSize[0] !== 3 || config.kernelSize[1] !== 3) return `${layer.name}의 커널이 ${config.kernelSize.join('×')}입니다. VGG의 합성곱은 모두 3×3입니다.`;
    if (config.activation !== 'relu') return `${layer.name}의 활성화 함수가 ${config.activation}입니다. VGG의 합성곱은 모두 ReLU를 씁니다.`;
  }
  return undefined;
};

const VGG_CASES: { id: string; title: string; input: Shape3; blocks: VggBlock[]; hint: string }[] = [
  { id: 'vgg.two-blocks', title: 'VGG 블록 2개: 32×32×3, [[8, 2], [16, 2]]', input: [32, 32, 3], blocks: [[8, 2], [16, 2]], hint: "블록마다 3×3 합성곱(padding 'same', ReLU)을 convs번 쌓고, 마지막에 2×2 최대 풀링을 한 번 둡니다." },
  { id: 'vgg.vgg19-like', title: 'VGG19처럼 2·2·4 합성곱: 24×24×3, [[4, 2], [8, 2], [16, 4]]', input: [24, 24, 3], blocks: [[4, 2], [8, 2], [16, 4]], hint: 'VGG19의 셋째 블록부터는 합성곱이 4개입니다. 풀링은 합성곱마다가 아니라 블록마다 한 번입니다.' },
  { id: 'vgg.odd', title: '홀수 크기: 20×20×1, [[4, 1], [4, 1], [8, 1]]', input: [20, 20, 1], blocks: [[4, 1], [4, 1], [8, 1]], hint: '20 → 10 → 5 → 2: 나누어떨어지지 않으면 풀링이 내림합니다.' },
];

// ---- GoogLeNet: an inception module, four branches concatenated along the channels.

export interface InceptionConfig {
  f1: number;
  r3: number;
  f3: number;
  r5: number;
  f5: number;
  pool: number;
}

function inceptionReference(c: InceptionConfig) {
  return (layers: Layers, input: Sym): Sym => {
    const conv = (x: Sym, filters: number, kernelSize: number) => layers.layers.conv2d({ filters, kernelSize, padding: 'same', activation: 'relu' }).apply(x) as Sym;
    const b1 = conv(input, c.f1, 1);
    const b3 = conv(conv(input, c.r3, 1), c.f3, 3);
    const b5 = conv(conv(input, c.r5, 1), c.f5, 5);
    const bp = conv(layers.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }).apply(input) as Sym, c.pool, 1);
    return layers.layers.concatenate().apply([b1, b3, b5, bp]) as Sym;
  };
}

const fourBranches = (model: LayersModel): string | undefined => {
  const concat = model.layers.find((l) => l.getClassName() === 'Concatenate');
  const n = concat ? inboundOf(concat).length : 0;
  if (n !== 4) return `Concatenate가 가지 ${n}개를 잇습니다. 인셉션 모듈은 1×1, 3×3, 5×5, 풀링의 네 가지를 채널 방향으로 잇습니다.`;
  const pool = model.layers.find((l) => l.getClassName() === 'MaxPooling2D');
  const strides = (pool?.getConfig() as { strides?: number[] } | undefined)?.strides;
  if (strides && (strides[0] !== 1 || strides[1] !== 1)) return `풀링 가지의 보폭이 ${strides.join('×')}입니다. 인셉션 모듈의 모든 가지는 보폭 1, 'same'입니다.`;
  return undefined;
};

const INCEPTION_CASES: { id: string; title: string; input: Shape3; config: InceptionConfig; hint: string }[] = [
  { id: 'inception.small', title: '인셉션 모듈: 16×16×32, 1×1 8 / 8→3×3 16 / 4→5×5 8 / 풀링→1×1 8', input: [16, 16, 32], config: { f1: 8, r3: 8, f3: 16, r5: 4, f5: 8, pool: 8 }, hint: '네 가지의 출력 채널을 더하면 8 + 16 + 8 + 8 = 40입니다. 3×3과 5×5 앞에는 채널을 줄이는 1×1 병목을 둡니다.' },
  { id: 'inception.wide', title: '인셉션 모듈: 12×12×64, 1×1 16 / 24→3×3 32 / 4→5×5 8 / 풀링→1×1 8', input: [12, 12, 64], config: { f1: 16, r3: 24, f3: 32, r5: 4, f5: 8, pool: 8 }, hint: '풀링 가지도 3×3 최대 풀링(보폭 1, same) 뒤에 1×1 합성곱으로 채널을 pool개로 맞춥니다.' },
];

export default defineGrader({
  checks: [
    ...VGG_CASES.map((c) =>
      blockCheck({
        id: c.id,
        title: c.title,
        name: 'vggStack',
        args: [c.input, c.blocks],
        inputShape: c.input,
        reference: vggReference(c.blocks),
        classes: { Conv2D: c.blocks.reduce((n, [, convs]) => n + convs, 0), MaxPooling2D: c.blocks.length },
        extra: allReluThree,
        hint: c.hint,
      }),
    ),
    ...INCEPTION_CASES.map((c) =>
      blockCheck({
        id: c.id,
        title: c.title,
        name: 'inceptionModule',
        args: [c.input, c.config],
        inputShape: c.input,
        reference: inceptionReference(c.config),
        classes: { Conv2D: 6, MaxPooling2D: 1, Concatenate: 1 },
        extra: fourBranches,
        hint: c.hint,
      }),
    ),
  ],
});

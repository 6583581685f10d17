import type { LayersModel } from '@tensorflow/tfjs-layers';
import { customCheck, expectLayers, expectParams, expectTrainableWeights } from '../../../graders/checks.ts';
import { defineGrader } from '../../../graders/types.ts';
import { formatShape } from '../../../src/runtime/model-summary.ts';

/**
 * Document 000, 5.3: VGG16's convolutional base for 150×150×3 without its classifier (the
 * document's summary: 14,714,688 parameters, output 4×4×512), then base + Flatten + Dense 256 +
 * Dense 1 (16,812,353) with the base frozen (30 trainable weight tensors → 4). No weights are
 * loaded or trained: only the structure is graded. Every figure here is the document's.
 */
const BLOCKS: [filters: number, convs: number][] = [[64, 2], [128, 2], [256, 3], [512, 3], [512, 3]];

/** The base's layers as the document's summary lists them: name, class, filters (convolutions), spatial size. */
const EXPECTED_BASE: { name: string; className: string; filters?: number; size: number }[] = (() => {
  const rows: { name: string; className: string; filters?: number; size: number }[] = [];
  let size = 150;
  BLOCKS.forEach(([filters, convs], b) => {
    for (let i = 1; i <= convs; i++) rows.push({ name: `block${b + 1}_conv${i}`, className: 'Conv2D', filters, size });
    size = Math.floor(size / 2);
    rows.push({ name: `block${b + 1}_pool`, className: 'MaxPooling2D', size });
  });
  return rows;
})();


/** The nested base (the model's first layer), or undefined when the model is not built that way. */
function baseOf(model: LayersModel): LayersModel | undefined {
  const first = model.layers[0] as LayersModel | undefined;
  return first && Array.isArray((first as { layers?: unknown }).layers) ? first : undefined;
}

const blocksCheck = customCheck(
  'base.blocks',
  '기반의 블록: 층 이름과 출력 모양',
  ({ model }) => {
    const base = model && baseOf(model);
    if (!base) return { passed: false, message: '모델의 첫 층이 합성곱 기반(중첩 모델)이 아닙니다.', expected: 'vgg16 (Sequential)', actual: model?.layers[0]?.getClassName() ?? '없음' };
    const layers = base.layers.filter((l) => l.getClassName() !== 'InputLayer');
    const names = (list: { name: string }[]) => list.map((l) => l.name).join(', ');
    for (let i = 0; i < Math.max(layers.length, EXPECTED_BASE.length); i++) {
      const want = EXPECTED_BASE[i];
      const got = layers[i];
      if (!want || !got) {
        return {
          passed: false,
          message: `기반의 층이 ${layers.length}개입니다. VGG16의 기반은 합성곱 13개와 풀링 5개, 모두 18개입니다.`,
          expected: `${EXPECTED_BASE.length}개 층`,
          actual: `${layers.length}개 층`,
          hint: `블록 3~5는 합성곱이 3개씩입니다. 지금 층: ${names(layers)}`,
        };
      }
      const wantShape = formatShape(want.filters ? [null, want.size, want.size, want.filters] : [null, want.size, want.size, EXPECTED_BASE[i - 1]!.filters!]);
      const gotShape = formatShape(got.outputShape as (number | null)[]);
      if (got.name !== want.name || got.getClassName() !== want.className) {
        return {
          passed: false,
          message: `기반의 ${i + 1}번째 층이 ${got.name} (${got.getClassName()})입니다. ${want.name} (${want.className})이어야 합니다.`,
          expected: `${want.name} (${want.className})`,
          actual: `${got.name} (${got.getClassName()})`,
          hint: '층마다 name을 주세요: 블록 b의 i번째 합성곱은 block{b}_conv{i}, 블록 끝의 풀링은 block{b}_pool입니다.',
        };
      }
      if (gotShape !== wantShape) {
        return {
          passed: false,
          message: `${got.name}의 출력이 ${gotShape}입니다. ${wantShape}이어야 합니다.`,
          expected: wantShape,
          actual: gotShape,
          hint: "합성곱은 3×3, padding 'same'이라 크기를 지키고, 2×2 풀링이 크기를 반으로 줄입니다(홀수는 내림: 75 → 37, 37 → 18, 9 → 4).",
        };
      }
      if (want.className === 'Conv2D') {
        const config = got.getConfig() as { kernelSize?: number[]; activation?: string };
        if (config.kernelSize?.join() !== '3,3' || config.activation !== 'relu') {
          return {
            passed: false,
            message: `${got.name}의 커널이 ${config.kernelSize?.join('×')}, 활성화 함수가 ${config.activation}입니다. VGG16의 합성곱은 모두 3×3, ReLU입니다.`,
            expected: '3×3, relu',
            actual: `${config.kernelSize?.join('×')}, ${config.activation}`,
          };
        }
      }
    }
    return { passed: true, message: `기반의 층 ${layers.length}개(block1_conv1 … block5_pool)의 이름과 출력 모양이 문서의 요약표와 같습니다. 마지막 출력 (None, 4, 4, 512).` };
  },
  { needs: 'structure' },
);

/** Before freezing, every weight tensor trains: 13 convolutions and 2 dense layers, a kernel and a bias each. */
const unfrozenCount = customCheck(
  'trainableWeights.unfrozen',
  '동결 전 학습되는 가중치 텐서 수',
  ({ model }) => {
    const all = model?.weights.length ?? 0;
    return all === 30
      ? { passed: true, message: `동결 전이라면 가중치 텐서 ${all}개가 모두 학습됩니다(합성곱 13개와 Dense 2개, 층마다 커널과 편향).`, expected: '30', actual: String(all) }
      : {
          passed: false,
          message: `모델의 가중치 텐서가 ${all}개입니다. 동결 전 문서의 모델은 30개를 학습합니다.`,
          expected: '30',
          actual: String(all),
          hint: '합성곱 13개와 Dense 2개가 커널과 편향을 하나씩 가집니다(useBias는 기본값 true로 두세요).',
        };
  },
  { needs: 'structure' },
);

export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Sequential', outputShape: [null, 4, 4, 512], params: 14_714_688 },
      { className: 'Flatten', outputShape: [null, 8_192] },
      { className: 'Dense', outputShape: [null, 256], params: 2_097_408, config: { activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 1], params: 257, config: { activation: 'sigmoid' } },
    ]),
    blocksCheck,
    expectParams({ total: 16_812_353, trainable: 2_097_665, nonTrainable: 14_714_688 }),
    unfrozenCount,
    expectTrainableWeights(4),
  ],
});


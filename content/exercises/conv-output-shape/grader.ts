import * as tfl from '@tensorflow/tfjs-layers';
import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 003 8-1 (padding, stride, pooling, the (4,4) → (2,2,3) walk-through) and document 002's
 * LeNet-5 sizes. The expected shapes are not stored: the grader asks TF.js's own layers.
 */
type Padding = 'same' | 'valid';
type Shape = [number, number, number];
type LayerSettings =
  | { type: 'conv2d'; filters: number; kernelSize: number; strides?: number; padding?: Padding }
  | { type: 'maxPooling2d'; poolSize: number; strides?: number; padding?: Padding };

const conv = (filters: number, kernelSize: number, more: { strides?: number; padding?: Padding } = {}): LayerSettings => ({ type: 'conv2d', filters, kernelSize, ...more });
const pool = (poolSize: number, more: { strides?: number; padding?: Padding } = {}): LayerSettings => ({ type: 'maxPooling2d', poolSize, ...more });

/** One layer, with a hint for the mistake that case catches. */
const SINGLE: { id: string; input: Shape; layer: LayerSettings; hint: string }[] = [
  { id: 'conv-valid', input: [28, 28, 1], layer: conv(32, 3), hint: "'valid'에서는 커널이 입력 안에 다 들어가는 위치만 셉니다. 출력 채널 수는 필터 개수입니다." },
  { id: 'conv-same', input: [28, 28, 1], layer: conv(32, 3, { padding: 'same' }), hint: "스트라이드 1의 'same'은 입력과 같은 높이·너비를 냅니다." },
  { id: 'lenet-c1', input: [32, 32, 1], layer: conv(6, 5), hint: '5×5 커널은 한 변을 4만큼 줄입니다.' },
  { id: 'pool', input: [28, 28, 32], layer: pool(2), hint: '풀링의 스트라이드 기본값은 풀링 크기와 같습니다(겹치지 않게 이동).' },
  { id: 'pool-odd', input: [11, 11, 64], layer: pool(2), hint: '나누어떨어지지 않으면 남는 줄은 버립니다(내림).' },
  { id: 'pool-stride1', input: [4, 4, 3], layer: pool(2, { strides: 1 }), hint: '스트라이드를 직접 주면 그 값을 씁니다.' },
  { id: 'pool-same', input: [5, 5, 2], layer: pool(2, { padding: 'same' }), hint: "'same'에서는 ⌈크기 / 스트라이드⌉입니다." },
  { id: 'stride2-valid', input: [7, 7, 1], layer: conv(8, 3, { strides: 2 }), hint: '⌊(크기 − 커널) / 스트라이드⌋ + 1' },
  { id: 'same-stride2', input: [7, 7, 3], layer: conv(4, 3, { strides: 2, padding: 'same' }), hint: "'same'이라도 스트라이드가 2이면 크기가 ⌈7 / 2⌉ = 4로 줄어듭니다." },
  { id: 'cost-example', input: [256, 256, 3], layer: conv(64, 3, { strides: 2, padding: 'same' }), hint: '문서 002의 예: 256×256×3 입력, 3×3 필터 64개, 스트라이드 2 → 128×128×64.' },
];

/** Several layers in a row, through `outputShapes`. */
const CHAINS: { id: string; title: string; input: Shape; layers: LayerSettings[]; hint: string }[] = [
  {
    id: 'walkthrough',
    title: '(4, 4) 입력 → 패딩 → 3×3 필터 3개 → 2×2 풀링',
    input: [4, 4, 1],
    layers: [conv(3, 3, { padding: 'same' }), pool(2)],
    hint: '패딩으로 (6, 6)이 된 입력에 3×3 필터를 놓으면 (4, 4) 특성 맵이 필터마다 하나, 풀링 뒤에는 (2, 2, 3)입니다.',
  },
  {
    id: 'lenet',
    title: 'LeNet-5: 32×32×1 → C1 → S2 → C3 → S4 → C5',
    input: [32, 32, 1],
    layers: [conv(6, 5), pool(2), conv(16, 5), pool(2), conv(120, 5)],
    hint: '28×28×6 → 14×14×6 → 10×10×16 → 5×5×16 → 1×1×120',
  },
];

/** The shape TF.js itself computes for `layers` applied to `input`. */
function tfShapes(input: Shape, layers: LayerSettings[]): Shape[] {
  let shape: (number | null)[] = [null, ...input];
  return layers.map((settings) => {
    const { type, ...config } = settings;
    const layer = type === 'conv2d' ? tfl.layers.conv2d(config as Parameters<typeof tfl.layers.conv2d>[0]) : tfl.layers.maxPooling2d(config as Parameters<typeof tfl.layers.maxPooling2d>[0]);
    shape = layer.computeOutputShape(shape) as (number | null)[];
    return shape.slice(1) as Shape;
  });
}

const describe = (layer: LayerSettings): string => {
  const extra = [layer.strides ? `스트라이드 ${layer.strides}` : '', layer.padding ? `'${layer.padding}'` : ''].filter(Boolean).join(', ');
  const core = layer.type === 'conv2d' ? `Conv2D(필터 ${layer.filters}개, ${layer.kernelSize}×${layer.kernelSize}` : `MaxPooling2D(${layer.poolSize}×${layer.poolSize}`;
  return `${core}${extra ? `, ${extra}` : ''})`;
};

export default defineGrader({
  checks: [
    ...SINGLE.map((c) =>
      expectValues({
        id: `shape.${c.id}`,
        title: `(${c.input.join(', ')}) → ${describe(c.layer)}`,
        call: { name: 'outputShape', args: [c.input, c.layer] },
        expected: () => tfShapes(c.input, [c.layer])[0]!,
        tolerance: 0,
        hint: c.hint,
      }),
    ),
    ...CHAINS.map((c) =>
      expectValues({ id: `shapes.${c.id}`, title: c.title, call: { name: 'outputShapes', args: [c.input, c.layers] }, expected: () => tfShapes(c.input, c.layers), tolerance: 0, hint: c.hint }),
    ),
  ],
});

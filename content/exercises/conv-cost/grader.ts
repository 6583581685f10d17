import * as tfl from '@tensorflow/tfjs-layers';
import { call, defineGrader, type CheckResult } from '../../../graders/types.ts';
import { customCheck } from '../../../graders/checks.ts';

/**
 * Document 002 8.2 (연산량): one output value of a convolution layer costs k·h² + 1 multiply-adds
 * (the bias add counted as one), the layer that many per output value. The expected figures come
 * from a TF.js layer built with the same settings (its output shape, and its parameter count per
 * filter), not from the learner's formula; the document's two steps are also checked against the
 * numbers the document prints.
 */
type Padding = 'same' | 'valid';
type Shape = [number, number, number];
type Args = [input: Shape, filters: number, kernel: number, stride: number, padding: Padding];
interface Cost {
  outputShape: Shape;
  perOutput: number;
  total: number;
}

const CASES: { id: string; args: Args; document?: Cost; hint: string }[] = [
  {
    id: 'cost.document-step1',
    args: [[256, 256, 3], 64, 3, 2, 'same'],
    document: { outputShape: [128, 128, 64], perOutput: 28, total: 29_360_128 },
    hint: '문서 002의 1단계: 출력 128×128×64, 값 하나에 3×3×3 + 1 = 28회, 전체 128 × 128 × 64 × 28 = 29,360,128회.',
  },
  {
    id: 'cost.document-step2',
    args: [[128, 128, 64], 128, 5, 2, 'same'],
    document: { outputShape: [64, 64, 128], perOutput: 1_601, total: 839_385_088 },
    hint: '문서 002의 2단계: 입력 깊이가 64이므로 값 하나에 5×5×64 + 1 = 1,601회, 전체 64 × 64 × 128 × 1,601 = 839,385,088회.',
  },
  { id: 'cost.valid-stride2', args: [[256, 256, 3], 64, 3, 2, 'valid'], hint: "덧대지 않으면('valid') ⌊(256 − 3) / 2⌋ + 1 = 127입니다. 문서의 256 → 128은 0 덧대기('same')일 때입니다." },
  { id: 'cost.lenet-c1', args: [[32, 32, 1], 6, 5, 1, 'valid'], hint: 'LeNet-5의 C1: 28×28×6, 값 하나에 5×5×1 + 1 = 26회.' },
  { id: 'cost.lenet-c3', args: [[14, 14, 6], 16, 5, 1, 'valid'], hint: 'LeNet-5의 C3: 10×10×16, 필터의 깊이는 입력의 채널 수 6입니다.' },
  { id: 'cost.same-stride1', args: [[28, 28, 1], 32, 3, 1, 'same'], hint: "보폭 1의 'same'은 입력과 같은 높이·너비를 냅니다." },
  { id: 'cost.same-odd', args: [[7, 7, 3], 4, 3, 2, 'same'], hint: "'same'은 올림입니다: ⌈7 / 2⌉ = 4. 마지막 위치는 덧댄 0에 걸쳐도 셉니다." },
  { id: 'cost.same-stride3', args: [[11, 11, 8], 16, 3, 3, 'same'], hint: '⌈11 / 3⌉ = 4' },
  { id: 'cost.valid-stride3', args: [[10, 10, 8], 16, 3, 3, 'valid'], hint: '⌊(10 − 3) / 3⌋ + 1 = 3' },
  { id: 'cost.valid-odd', args: [[13, 13, 3], 10, 5, 1, 'valid'], hint: '5×5 필터는 한 변을 4만큼 줄입니다.' },
  { id: 'cost.pointwise', args: [[14, 14, 64], 32, 1, 1, 'valid'], hint: '1×1 필터도 깊이는 입력과 같습니다: 값 하나에 1×1×64 + 1 = 65회.' },
  { id: 'cost.pointwise-stride2', args: [[15, 15, 32], 64, 1, 2, 'same'], hint: '⌈15 / 2⌉ = 8, 값 하나에 32 + 1 = 33회.' },
  { id: 'cost.rectangular-valid', args: [[32, 48, 3], 16, 5, 2, 'valid'], hint: '높이와 너비를 따로 계산합니다: ⌊(32 − 5) / 2⌋ + 1 = 14, ⌊(48 − 5) / 2⌋ + 1 = 22.' },
  { id: 'cost.rectangular-same', args: [[15, 20, 16], 8, 3, 2, 'same'], hint: '높이와 너비를 따로 계산합니다: ⌈15 / 2⌉ = 8, ⌈20 / 2⌉ = 10.' },
];

/** The cost TF.js implies: a Conv2D layer's output shape, and its parameters per filter (k·h² weights and a bias). */
function tfCost([input, filters, kernel, stride, padding]: Args): Cost {
  const layer = tfl.layers.conv2d({ filters, kernelSize: kernel, strides: stride, padding });
  const shape = layer.computeOutputShape([null, ...input]) as number[];
  layer.apply(tfl.input({ shape: input })); // builds the weights (symbolically: no data flows)
  const params = layer.countParams();
  layer.dispose();
  const outputShape = shape.slice(1) as Shape;
  const perOutput = params / filters;
  return { outputShape, perOutput, total: outputShape[0] * outputShape[1] * outputShape[2] * perOutput };
}

const PER_OUTPUT_HINT = '필터의 깊이는 입력 깊이 k와 같아 가중치가 k·h²개이고, 바이어스를 더하는 한 번을 더해 k·h² + 1입니다.';
const TOTAL_HINT = '전체 횟수는 입력이 아니라 출력 특징 맵의 값 개수(높이 × 너비 × 채널)에 perOutput을 곱한 것입니다.';

const fmt = (n: number) => n.toLocaleString('en-US');
const show = (c: Cost) => `${c.outputShape.join('×')}, 값 하나에 ${fmt(c.perOutput)}회, 전체 ${fmt(c.total)}회`;
const same = (a: Cost, b: Cost) => JSON.stringify(a.outputShape) === JSON.stringify(b.outputShape) && a.perOutput === b.perOutput && a.total === b.total;

/** The learner's result as a `Cost`, or undefined when it does not have that form. */
function asCost(value: unknown): Cost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { outputShape, perOutput, total } = value as Record<string, unknown>;
  const shape = ArrayBuffer.isView(outputShape) ? Array.from(outputShape as Float32Array) : outputShape;
  if (!Array.isArray(shape) || shape.length !== 3 || shape.some((d) => typeof d !== 'number')) return undefined;
  if (typeof perOutput !== 'number' || typeof total !== 'number') return undefined;
  return { outputShape: shape as Shape, perOutput, total };
}

function describe([input, filters, kernel, stride, padding]: Args): string {
  return `(${input.join(', ')}) → ${kernel}×${kernel} 필터 ${filters}개, 보폭 ${stride}, '${padding}'`;
}

export default defineGrader({
  checks: CASES.map((c) => {
    const learnerCall = call(c.id, 'convCost', c.args);
    const title = `${c.document ? '문서 002의 예: ' : ''}${describe(c.args)}`;
    return customCheck(
      c.id,
      title,
      (context): Omit<CheckResult, 'id' | 'title'> => {
        const fromTf = tfCost(c.args);
        if (c.document && !same(fromTf, c.document)) throw new Error(`${c.id}: TF.js gives ${show(fromTf)}, the document ${show(c.document)}`);
        const expected = c.document ?? fromTf;
        const returned = context.values?.[learnerCall.key];
        const got = asCost(returned);
        if (!got) {
          return { passed: false, message: `${title}: convCost()가 { outputShape: [높이, 너비, 채널], perOutput, total } 모양의 객체를 반환하지 않았습니다.`, expected: show(expected), actual: JSON.stringify(returned)?.slice(0, 60) ?? 'undefined', hint: c.hint };
        }
        if (same(got, expected)) return { passed: true, message: `${title}: convCost() → ${show(got)}`, expected: show(expected), actual: show(got) };
        const [wrong, fieldHint] =
          JSON.stringify(got.outputShape) !== JSON.stringify(expected.outputShape)
            ? [`출력 모양이 ${got.outputShape.join('×')}입니다 (기댓값 ${expected.outputShape.join('×')}).`, c.hint]
            : got.perOutput !== expected.perOutput
              ? [`출력 값 하나의 연산 횟수가 ${fmt(got.perOutput)}입니다 (기댓값 ${fmt(expected.perOutput)}).`, PER_OUTPUT_HINT]
              : [`전체 연산 횟수가 ${fmt(got.total)}입니다 (기댓값 ${fmt(expected.total)}).`, TOTAL_HINT];
        return { passed: false, message: `${title}: ${wrong}`, expected: show(expected), actual: show(got), hint: c.document ? c.hint : fieldHint };
      },
      { calls: [learnerCall] },
    );
  }),
});

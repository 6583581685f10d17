import type * as tfCore from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { customCheck } from '../../../graders/checks.ts';
import { call, defineGrader, type CheckResult, type GradingContext } from '../../../graders/types.ts';
import { modelFromTopology } from '../../../src/runtime/model-artifacts.ts';

/**
 * Document 000, 5.4.1: a model with the original input and one output per intermediate layer shows
 * how one image changes layer by layer (the document's cat picture; here a Fashion-MNIST image on
 * the course's backbone). Graded on two pretrained models the site serves, so the learner's code
 * has to pick layers by class rather than by position: course-vgg (functional, a ZeroPadding2D
 * first, 8 convolutions and 4 poolings) and postcode-cnn (Sequential, Dropout between the blocks,
 * 4 convolutions and 2 poolings). The grader computes every expected name, shape and value itself.
 */
const VISIBLE = ['Conv2D', 'MaxPooling2D'];
/** Activations are ReLU outputs of a few units at most; a learner on WebGPU may differ from the grader's wasm in the last bits. */
const TOLERANCE = 1e-3;

const CASES = [
  { model: 'course-vgg', image: { $trainingImages: { dataset: 'fashion-mnist' as const, count: 1, seed: 1 } } },
  { model: 'postcode-cnn', image: { $trainingImages: { dataset: 'mnist' as const, count: 1, seed: 3 } } },
].map((c) => ({ ...c, modelCall: call(`model.${c.model}`, 'activationModel', [c.model]), valuesCall: call(`values.${c.model}`, 'activations', [c.model, c.image]) }));
type Case = (typeof CASES)[number];

interface Reference {
  names: string[];
  shapes: number[][];
  values: Float32Array[];
}

/** Each grading's references, computed once for its three checks. */
const references = new WeakMap<GradingContext, Map<string, Promise<Reference>>>();

function reference(context: GradingContext, c: Case): Promise<Reference> {
  let known = references.get(context);
  if (!known) references.set(context, (known = new Map()));
  let answer = known.get(c.model);
  if (!answer) known.set(c.model, (answer = computeReference(context, c)));
  return answer;
}

/** The grader's own answer for one case: the layers it picks and their activations for the case's image. */
async function computeReference(context: GradingContext, c: Case): Promise<Reference> {
  const { tf } = context;
  const model = await context.loadPretrained(c.model);
  const { dataset, count, seed } = c.image.$trainingImages;
  const set = await context.loadTrainingSet(dataset, count, seed);
  try {
    const layers = model.layers.filter((layer) => VISIBLE.includes(layer.getClassName()));
    const inner = tfl.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tfl.SymbolicTensor) });
    const outputs = inner.predict(set.xs) as tfCore.Tensor[];
    const values = await Promise.all(outputs.map(async (t) => (await t.data()) as Float32Array));
    const shapes = outputs.map((t) => t.shape);
    tf.dispose(outputs);
    return { names: layers.map((l) => l.name), shapes, values };
  } finally {
    tf.dispose([set.xs, set.ys]);
    model.dispose();
  }
}

const list = (names: readonly string[]) => (names.length > 4 ? `${names.slice(0, 2).join(', ')} … ${names.slice(-2).join(', ')} (${names.length}개)` : `${names.join(', ')} (${names.length}개)`);
const shapeText = (s: readonly (number | null)[]) => `[${s.join(', ')}]`;

type Verdict = Omit<CheckResult, 'id' | 'title'>;

/** Runs `judge` on every case; the first case that fails is the answer, else a pass naming them all. */
async function overCases(context: GradingContext, judge: (c: Case, want: Reference) => Promise<Verdict | string>): Promise<Verdict> {
  const passed: string[] = [];
  for (const c of CASES) {
    const verdict = await judge(c, await reference(context, c));
    if (typeof verdict !== 'string') return verdict;
    passed.push(verdict);
  }
  return { passed: true, message: passed.join(' ') };
}

/** The learner's activations for a case as `{shape, values}` items, or a Korean reason why not. */
function returnedActivations(context: GradingContext, c: Case): { shape: number[]; values: ArrayLike<number> }[] | string {
  const value = context.values?.[c.valuesCall.key];
  const isTensor = (v: unknown): v is { shape: number[]; values: ArrayLike<number> } =>
    typeof v === 'object' && v !== null && Array.isArray((v as { shape?: unknown }).shape) && typeof (v as { values?: ArrayLike<number> }).values?.length === 'number';
  if (!Array.isArray(value) || !value.every(isTensor)) return `activations('${c.model}', image)이(가) 텐서의 배열을 반환하지 않았습니다.`;
  return value;
}

const HINT_LAYERS = "model.layers.filter((l) => ['Conv2D', 'MaxPooling2D'].includes(l.getClassName()))로 층을 고르고, 그 층들의 output을 순서대로 outputs에 넣으세요. 층을 번호로 고르면 모델마다 달라집니다.";

export default defineGrader({
  checks: [
    customCheck(
      'act.layers',
      '출력 층: 합성곱과 최대 풀링 층 전부, 층 순서대로',
      (context) =>
        overCases(context, async (c, want) => {
          const value = context.values?.[c.modelCall.key] as { $model?: object } | undefined;
          if (!value?.$model) return { passed: false, message: `activationModel('${c.model}')이(가) 모델을 반환하지 않았습니다.`, expected: '모델', actual: '없음', hint: 'tf.model({ inputs: model.inputs, outputs })를 return 하세요.' };
          let built: tfl.LayersModel;
          try {
            built = await modelFromTopology(value.$model);
          } catch (error) {
            return { passed: false, message: `activationModel('${c.model}')이(가) 반환한 모델을 다시 만들 수 없습니다: ${(error as Error).message}`, hint: HINT_LAYERS };
          }
          const got = built.outputs.map((t) => t.sourceLayer.name);
          built.dispose();
          if (JSON.stringify(got) !== JSON.stringify(want.names)) {
            const at = want.names.findIndex((n, i) => got[i] !== n);
            const where = at >= 0 ? `${at + 1}번째 출력이 ${got[at] ?? '없음'}입니다(기대: ${want.names[at]}).` : `출력이 ${got.length}개입니다(기대: ${want.names.length}개).`;
            return { passed: false, message: `${c.model}: 출력 층이 다릅니다. ${where}`, expected: list(want.names), actual: list(got), hint: HINT_LAYERS };
          }
          return `${c.model}: ${list(got)}.`;
        }),
      { calls: CASES.map((c) => c.modelCall) },
    ),
    customCheck(
      'act.shapes',
      '활성화의 개수와 모양',
      (context) =>
        overCases(context, async (c, want) => {
          const got = returnedActivations(context, c);
          if (typeof got === 'string') return { passed: false, message: got, hint: 'model.predict(image)가 돌려주는 텐서 배열을 그대로 return 하세요.' };
          const gotShapes = got.map((t) => shapeText(t.shape));
          const wantShapes = want.shapes.map(shapeText);
          if (JSON.stringify(gotShapes) !== JSON.stringify(wantShapes)) {
            const at = wantShapes.findIndex((s, i) => gotShapes[i] !== s);
            return {
              passed: false,
              message: `${c.model}: 활성화 ${got.length}개의 모양이 다릅니다${at >= 0 ? ` (${at + 1}번째 ${want.names[at]}: ${gotShapes[at] ?? '없음'}, 기대 ${wantShapes[at]})` : ''}.`,
              expected: `${wantShapes.length}개: ${wantShapes[0]} … ${wantShapes.at(-1)}`,
              actual: `${gotShapes.length}개${gotShapes.length ? `: ${gotShapes[0]} … ${gotShapes.at(-1)}` : ''}`,
              hint: HINT_LAYERS,
            };
          }
          return `${c.model}: ${gotShapes.length}개, ${wantShapes[0]} … ${wantShapes.at(-1)}.`;
        }),
      { calls: CASES.map((c) => c.valuesCall) },
    ),
    customCheck(
      'act.values',
      '활성화 값 (채점기가 직접 계산한 값과 비교)',
      (context) =>
        overCases(context, async (c, want) => {
          const got = returnedActivations(context, c);
          if (typeof got === 'string') return { passed: false, message: got };
          if (got.length !== want.values.length) return { passed: false, message: `${c.model}: 활성화가 ${got.length}개입니다. ${want.values.length}개여야 값을 비교할 수 있습니다.`, hint: HINT_LAYERS };
          let worst = 0;
          let worstLayer = 0;
          want.values.forEach((values, k) => {
            const mine = got[k]!.values;
            for (let i = 0; i < values.length; i++) {
              const diff = Math.abs((mine[i] ?? Number.NaN) - values[i]!) / Math.max(1, Math.abs(values[i]!));
              if (!(diff <= worst)) {
                worst = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff;
                worstLayer = k;
              }
            }
          });
          if (worst > TOLERANCE) {
            return {
              passed: false,
              message: `${c.model}: ${want.names[worstLayer]}의 활성화가 채점기의 값과 다릅니다 (최대 오차 ${worst.toExponential(1)}, 허용 ${TOLERANCE}).`,
              hint: '이미지를 바꾸지 말고(0~1 그대로) 원래 모델의 inputs로 만든 모델에 predict 하세요.',
            };
          }
          return `${c.model}: ${want.values.length}개 층 모두 일치 (최대 오차 ${worst.toExponential(1)}).`;
        }),
      { calls: CASES.map((c) => c.valuesCall) },
    ),
  ],
});

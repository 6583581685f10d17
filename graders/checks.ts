/**
 * Composable checks. Each returns results with expected vs actual, a Korean message naming the
 * layer at fault, and a hint. Messages follow Keras' way of writing shapes: `(None, 26, 26, 32)`.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { formatShape } from '../src/runtime/model-summary.ts';
import type { DatasetName, GraderCall, LayerSummaryRow, ModelSummary } from '../src/runtime/protocol.ts';
import type { Check, CheckNeeds, CheckResult, GradingContext, HeldOutSet } from './types.ts';

type Shape = (number | null)[];

const fmt = (n: number) => n.toLocaleString('en-US');

function ok(id: string, title: string, message: string, expected?: string, actual?: string): CheckResult {
  return { id, title, passed: true, message, ...(expected !== undefined ? { expected } : {}), ...(actual !== undefined ? { actual } : {}) };
}

/** A failed check; `hints` in stages, the first shown with the failure, the later ones on request. */
function fail(id: string, title: string, message: string, expected: string, actual: string, hints?: string | readonly (string | undefined)[]): CheckResult {
  const [hint, ...later] = (typeof hints === 'string' ? [hints] : (hints ?? [])).filter((h): h is string => Boolean(h));
  return { id, title, passed: false, message, expected, actual, ...(hint ? { hint } : {}), ...(later.length > 0 ? { laterHints: later } : {}) };
}

/**
 * A check of the learner's model: reports a missing model once, in the check's own words, so
 * each check below starts from the model and its summary.
 */
function modelCheck(
  id: string,
  title: string,
  needs: CheckNeeds,
  reports: (resultId: string) => boolean,
  run: (model: LayersModel, summary: ModelSummary, context: GradingContext) => CheckResult[] | Promise<CheckResult[]>,
): Check {
  return {
    id,
    title,
    needs,
    reports,
    run(context) {
      if (!context.model || !context.summary) {
        return [fail(id, title, '채점할 모델이 없습니다. buildModel()이 모델을 반환하는지 확인하세요.', '모델', '없음')];
      }
      return run(context.model, context.summary, context);
    },
  };
}

/** "2번째 Conv2D": the layer's ordinal among layers of its class, as a learner counts them. */
export function layerLabel(rows: readonly LayerSummaryRow[], index: number): string {
  const row = rows[index];
  if (!row) return `${index + 1}번째 층`;
  const ordinal = rows.slice(0, index + 1).filter((r) => r.className === row.className).length;
  return `${ordinal}번째 ${row.className}`;
}

/** A hint from how a shape differs: padding, strides/pooling, filters or units. */
export function shapeHint(className: string, expected: Shape, actual: Shape, kernel?: number): string {
  if (expected.length !== actual.length) return '층의 차원 수가 다릅니다. Flatten 위치와 입력 모양(inputShape)을 확인하세요.';
  if (className === 'Flatten') return 'Flatten의 출력 크기는 앞 층의 출력 모양이 정합니다. 앞 층들의 출력 모양부터 확인하세요.';
  const last = expected.length - 1;
  if (expected[last] !== actual[last] && expected.slice(0, last).every((d, i) => d === actual[i])) {
    return className === 'Dense' ? `units 값을 확인하세요 (기대 ${expected[last]}).` : `filters(출력 채널 수) 값을 확인하세요 (기대 ${expected[last]}).`;
  }
  const h = [expected[1], actual[1]] as [number | null, number | null];
  if (h[0] !== null && h[1] !== null && expected.length === 4) {
    if (kernel !== undefined && h[1] - h[0] === kernel - 1) return "padding='valid'인지 확인하세요 (same 패딩은 크기를 유지합니다).";
    if (kernel !== undefined && h[0] - h[1] === kernel - 1) return "padding='same'인지 확인하세요 (valid 패딩은 크기를 kernelSize−1만큼 줄입니다).";
    if (h[1] > h[0] && Math.abs(h[1] / h[0] - 2) < 0.6) return 'strides 또는 풀링 크기를 확인하세요 (기대보다 약 2배 큽니다).';
    if (h[0] > h[1] && Math.abs(h[0] / h[1] - 2) < 0.6) return 'strides 또는 풀링 크기를 확인하세요 (기대보다 약 2배 작습니다).';
  }
  return '앞쪽 층들의 kernelSize, padding, strides와 풀링을 차례로 확인하세요.';
}

/** A layer's input shape where it has one input (what the arithmetic hints start from). */
function singleInputShape(layer: { input: unknown } | undefined): Shape | undefined {
  try {
    const input = layer?.input as { shape?: Shape } | unknown[] | undefined;
    return input && !Array.isArray(input) && Array.isArray(input.shape) ? input.shape : undefined;
  } catch {
    return undefined; // a layer called more than once has no single input
  }
}

/** A window or stride's first dimension, as the config comparison normalizes it (`3` means `[3, 3]`). */
const firstOf = (key: string, value: unknown): number | undefined => {
  const full = normalizeConfigValue(key, value);
  return Array.isArray(full) ? Number(full[0]) : undefined;
};

/**
 * The last stage of a shape hint: the learner's own numbers in the lesson's formula,
 * OH = ⌊(H − K) / S⌋ + 1 for 'valid' and ⌈H / S⌉ for 'same' (TF.js's rules), or Flatten's product.
 */
export function shapeArithmetic(className: string, config: Record<string, unknown>, input: Shape | undefined, expected: Shape, actual: Shape): string | undefined {
  if (!input) return undefined;
  if (className === 'Flatten' && input.length === 4 && input.slice(1).every((d) => d !== null)) {
    const [h, w, c] = input.slice(1) as number[];
    return `이 층: Flatten의 출력 크기 = 입력의 높이 × 너비 × 채널 = ${h} × ${w} × ${c} = ${fmt(h! * w! * c!)}. 기대값 ${fmt(Number(expected[1]))}이(가) 되려면 앞 층들의 출력 모양부터 맞추세요.`;
  }
  const kind = config['kernelSize'] !== undefined ? 'kernelSize' : 'poolSize';
  const window = firstOf(kind, config[kind]);
  const stride = firstOf('strides', config['strides']) ?? 1;
  const padding = config['padding'];
  const h = input[1];
  if (input.length !== 4 || window === undefined || typeof h !== 'number' || (padding !== 'valid' && padding !== 'same')) return undefined;
  const out = actual[1];
  const formula = padding === 'valid' ? `⌊(${h} − ${window}) / ${stride}⌋ + 1` : `⌈${h} / ${stride}⌉`;
  const height = expected[1] === actual[1] ? '' : ` 기대한 높이는 ${expected[1]}입니다.`;
  return `이 층의 출력 높이: 입력 ${h}, ${kind} ${window}, strides ${stride}, padding '${padding}' → ${formula} = ${out}.${height} 너비도 같은 식입니다.`;
}

/** The last stage of a parameter hint: the formula with this layer's own sizes. */
function paramsArithmetic(className: string, config: Record<string, unknown>, input: Shape | undefined, params: number): string | undefined {
  const inputSize = input?.at(-1);
  if (typeof inputSize !== 'number') return undefined;
  const bias = config['useBias'] === false ? 0 : 1;
  if (className === 'Conv2D') {
    const [kh, kw] = normalizeConfigValue('kernelSize', config['kernelSize']) as number[];
    const filters = Number(config['filters']);
    return `이 층: ${kh}·${kw}·${inputSize}(입력 채널)·${filters} + ${bias ? filters : 0}(편향) = ${fmt(params)}. 입력 채널은 앞 층의 출력 채널이므로, 이 층의 설정이 맞다면 앞 층을 확인하세요.`;
  }
  if (className === 'Dense') {
    const units = Number(config['units']);
    return `이 층: ${fmt(inputSize)}(입력 크기)·${units} + ${bias ? units : 0}(편향) = ${fmt(params)}. 입력 크기는 앞 층(Flatten이면 펼친 크기)에서 오므로, units가 맞다면 앞 층을 확인하세요.`;
  }
  return undefined;
}

export interface ExpectedLayer {
  className: string;
  /** One shape; for a layer applied more than once (a shared pooling layer), one shape per call, in call order. */
  outputShape?: Shape | Shape[];
  params?: number;
  /** Config entries that must match, in TF.js names (`kernelSize`, `strides`, `padding`, `activation`, `rate`, `units`, `filters`). */
  config?: Record<string, unknown>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function normalizeConfigValue(key: string, value: unknown): unknown {
  // Keras allows `kernelSize: 3` for (3, 3); compare in the full form.
  if ((key === 'kernelSize' || key === 'strides' || key === 'poolSize' || key === 'dilationRate') && typeof value === 'number') return [value, value];
  return value;
}

/** The layer sequence: classes, output shapes, per-layer parameters and configs. */
export function expectLayers(expected: ExpectedLayer[]): Check {
  const id = 'layers';
  const reports = (resultId: string) => {
    const layer = /^layer\.(\d+)\.(outputShape|params|config\.\w+)$/.exec(resultId);
    return resultId === `${id}.sequence` || (layer !== null && Number(layer[1]) >= 1 && Number(layer[1]) <= expected.length);
  };
  return modelCheck(id, '층 구성과 출력 모양', 'structure', reports, (model, summary) => {
    const rows = summary.rows;
    const results: CheckResult[] = [];
    const classes = (list: { className: string }[]) => list.map((l) => l.className).join(' → ');
    if (rows.length !== expected.length || rows.some((r, i) => r.className !== expected[i]?.className)) {
      const firstDiff = expected.findIndex((e, i) => rows[i]?.className !== e.className);
      const at = firstDiff === -1 ? rows.length : firstDiff;
      results.push(
        fail(
          `${id}.sequence`,
          '층의 순서',
          firstDiff === -1
            ? `층이 ${rows.length}개입니다. 기대한 ${expected.length}개보다 ${rows.length > expected.length ? '많습니다' : '적습니다'}.`
            : `${at + 1}번째 층이 ${rows[at]?.className ?? '없음'}입니다. ${expected[at]?.className}이(가) 와야 합니다.`,
          classes(expected),
          classes(rows),
          '레슨의 모델 구조를 위에서부터 한 층씩 비교하세요.',
        ),
      );
      return results;
    }
    results.push(ok(`${id}.sequence`, '층의 순서', `${rows.length}개 층의 순서가 맞습니다.`, classes(expected), classes(rows)));
    // A wrong shape is often inherited: the previous layer's output is this one's input.
    const inheritedShape = (i: number): string => {
      const before = expected[i - 1]?.outputShape;
      const actualBefore = rows[i - 1]?.outputShape;
      if (!before || !actualBefore || formatShape(before) === formatShape(actualBefore)) return '';
      return `이 층의 입력(앞 층의 출력)이 이미 ${formatShape(actualBefore)}로, 기대한 ${formatShape(before)}와 다릅니다. 위에서 처음 ✗가 난 층부터 고치세요. `;
    };
    expected.forEach((exp, i) => {
      const row = rows[i]!;
      const label = layerLabel(rows, i);
      const layerConfig = model.layers[i]?.getConfig() ?? {};
      if (exp.outputShape) {
        const expShape = formatShape(exp.outputShape);
        const actShape = formatShape(row.outputShape);
        const kernel = Array.isArray(layerConfig['kernelSize']) ? Number((layerConfig['kernelSize'] as number[])[0]) : undefined;
        const perCall = (shape: unknown) => Array.isArray(shape) && Array.isArray(shape[0]);
        const hint =
          perCall(exp.outputShape) || perCall(row.outputShape)
            ? '이 층은 모델 안에서 여러 번 호출됩니다. 호출마다의 출력 모양을 차례로 비교하고, 같은 층 객체를 다시 쓰는지(새 층을 만들지 않는지) 확인하세요.'
            : shapeHint(row.className, exp.outputShape as Shape, row.outputShape as Shape, kernel);
        results.push(
          expShape === actShape
            ? ok(`layer.${i + 1}.outputShape`, `${label}의 출력 모양`, `${label}의 출력 ${actShape}`, expShape, actShape)
            : fail(
                `layer.${i + 1}.outputShape`,
                `${label}의 출력 모양`,
                `${label}의 출력 ${actShape} — 기대값 ${expShape}: ${hint}`,
                expShape,
                actShape,
                [hint, perCall(exp.outputShape) || perCall(row.outputShape) ? undefined : inheritedShape(i) + (shapeArithmetic(row.className, layerConfig, singleInputShape(model.layers[i]), exp.outputShape as Shape, row.outputShape as Shape) ?? '')],
              ),
        );
      }
      if (exp.params !== undefined) {
        results.push(
          exp.params === row.params
            ? ok(`layer.${i + 1}.params`, `${label}의 파라미터 수`, `${label}: ${fmt(row.params)}개`, fmt(exp.params), fmt(row.params))
            : fail(
                `layer.${i + 1}.params`,
                `${label}의 파라미터 수`,
                `${label}의 파라미터가 ${fmt(row.params)}개입니다. 기대값은 ${fmt(exp.params)}개입니다.`,
                fmt(exp.params),
                fmt(row.params),
                [
                  row.className === 'Conv2D' ? 'Conv2D의 파라미터 수 = kh·kw·입력 채널·filters + filters 입니다.' : 'Dense의 파라미터 수 = 입력 크기·units + units 입니다.',
                  paramsArithmetic(row.className, layerConfig, singleInputShape(model.layers[i]), row.params),
                ],
              ),
        );
      }
      for (const [key, want] of Object.entries(exp.config ?? {})) {
        const have = normalizeConfigValue(key, layerConfig[key]);
        const wantNorm = normalizeConfigValue(key, want);
        const pass = sameValue(have, wantNorm);
        const shown = (v: unknown) => JSON.stringify(v) ?? 'undefined';
        results.push(
          pass
            ? ok(`layer.${i + 1}.config.${key}`, `${label}의 ${key}`, `${label}: ${key} = ${shown(have)}`, shown(wantNorm), shown(have))
            : fail(`layer.${i + 1}.config.${key}`, `${label}의 ${key}`, `${label}의 ${key}가 ${shown(have)}입니다. ${shown(wantNorm)}이어야 합니다.`, shown(wantNorm), shown(have), `tf.layers의 ${key} 인자를 확인하세요.`),
        );
      }
    });
    return results;
  });
}

/** Total, trainable and non-trainable parameter counts. */
export function expectParams(expected: { total: number; trainable?: number; nonTrainable?: number }): Check {
  const ids = ['params.total', 'params.trainable', 'params.nonTrainable'];
  return modelCheck('params', '파라미터 수', 'structure', (resultId) => ids.includes(resultId), (_model, s) => {
    const pairs: [string, string, number, number | undefined][] = [
      ['params.total', '전체 파라미터 수', s.totalParams, expected.total],
      ['params.trainable', '학습되는 파라미터 수', s.trainableParams, expected.trainable],
      ['params.nonTrainable', '학습되지 않는 파라미터 수', s.nonTrainableParams, expected.nonTrainable],
    ];
    return pairs
      .filter((p): p is [string, string, number, number] => p[3] !== undefined)
      .map(([pid, ptitle, actual, want]) =>
        actual === want
          ? ok(pid, ptitle, `${ptitle}: ${fmt(actual)}개`, fmt(want), fmt(actual))
          : fail(pid, ptitle, `${ptitle}가 ${fmt(actual)}개입니다. 기대값은 ${fmt(want)}개입니다.`, fmt(want), fmt(actual), [
              '층마다 파라미터 수를 요약표에서 비교해 어느 층이 다른지 찾으세요.',
              pid === 'params.total'
                ? `지금 모델의 층별 파라미터: ${s.rows.map((r) => `${r.className} ${fmt(r.params)}`).join(' + ')} = ${fmt(actual)}. 파라미터가 가장 많은 층부터 레슨의 표와 비교하세요.`
                : `전체 ${fmt(s.totalParams)}개 = 학습되는 ${fmt(s.trainableParams)}개 + 학습되지 않는 ${fmt(s.nonTrainableParams)}개. 학습되지 않는 파라미터는 동결한 층(trainable = false)의 가중치와 배치 정규화의 이동 평균·분산(채널마다 2개)입니다. 전체 수가 맞지 않다면 그것부터 고치세요.`,
            ]),
      );
  });
}

/**
 * How many weight tensors the model trains, Keras's `len(model.trainable_weights)` (document 000
 * 5.3: 30 for VGG16 with its new head, 4 once the base is frozen). TF.js: `model.trainableWeights.length`.
 */
export function expectTrainableWeights(count: number): Check {
  const id = 'trainableWeights';
  const title = '학습되는 가중치 텐서 수';
  return modelCheck(id, title, 'structure', (resultId) => resultId === id, (model) => {
    const actual = model.trainableWeights.length;
    return [
      actual === count
        ? ok(id, title, `학습되는 가중치 텐서가 ${actual}개입니다 (model.trainableWeights.length).`, String(count), String(actual))
        : fail(
            id,
            title,
            `학습되는 가중치 텐서가 ${actual}개입니다. 기대값은 ${count}개입니다.`,
            String(count),
            String(actual),
            actual > count
              ? '동결할 층의 trainable을 false로 했는지 확인하세요 (합성곱 기반 전체라면 base.trainable = false).'
              : '너무 많이 동결했습니다. 학습시킬 층의 trainable이 true인지 확인하세요.',
          ),
    ];
  });
}

/** A numeric value as checks compare it: a shape and its elements in row-major order. */
export interface Numeric {
  shape: number[];
  values: Float64Array;
}

/** A value a check expects: a number, a (nested, rectangular) array of numbers, or a tensor `{shape, values}`. */
export type ValueLike = number | readonly ValueLike[] | { shape: readonly number[]; values: ArrayLike<number> };

function isTensorLike(v: unknown): v is { shape: number[]; values: ArrayLike<number> } {
  if (typeof v !== 'object' || v === null) return false;
  const { shape, values } = v as { shape?: unknown; values?: unknown };
  return Array.isArray(shape) && (Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView)));
}

/** A number, a rectangular nested array or a tensor (`{shape, values}`, values plain or typed) as `Numeric`; undefined for anything else. */
export function toNumeric(v: unknown): Numeric | undefined {
  if (isTensorLike(v)) return { shape: [...v.shape], values: Float64Array.from(v.values) };
  if (typeof v === 'number') return { shape: [], values: Float64Array.of(v) };
  if (!Array.isArray(v)) return undefined;
  const parts = v.map(toNumeric);
  if (parts.some((p) => p === undefined)) return undefined;
  const list = parts as Numeric[];
  const inner = list[0]?.shape ?? [];
  if (list.some((p) => JSON.stringify(p.shape) !== JSON.stringify(inner))) return undefined;
  const values = new Float64Array(list.reduce((n, p) => n + p.values.length, 0));
  let offset = 0;
  for (const p of list) {
    values.set(p.values, offset);
    offset += p.values.length;
  }
  return { shape: [v.length, ...inner], values };
}

/**
 * The value a learner function returns for `call` equals the expected one within `tolerance`
 * (absolute). The check declares its call, so the runner makes it; the key defaults to the
 * check's id. `expected` may be a function, so the grader computes the reference itself (with
 * TF.js, say) instead of storing it.
 */
export function expectValues(options: {
  id: string;
  title: string;
  call: { name: string; args: readonly unknown[]; key?: string } | GraderCall;
  expected: ValueLike | ((context: GradingContext) => ValueLike | Promise<ValueLike>);
  tolerance?: number;
  hint?: string;
}): Check {
  const tolerance = options.tolerance ?? 1e-4;
  const { id, title, hint } = options;
  const learnerCall: GraderCall = { key: options.call.key ?? id, name: options.call.name, args: options.call.args };
  const name = learnerCall.name;
  return {
    id,
    title,
    needs: 'result',
    calls: [learnerCall],
    reports: (resultId) => resultId === id,
    async run(context) {
      const want = typeof options.expected === 'function' ? await options.expected(context) : options.expected;
      const e = toNumeric(want);
      if (!e) throw new Error(`${id}: expected value is not numeric`);
      const returned = context.values?.[learnerCall.key];
      const a = toNumeric(returned);
      const show = (shape: number[]) => `[${shape.join(', ')}]`;
      if (!a) {
        return [fail(id, title, `${title}: ${name}()이(가) 숫자 배열이나 텐서를 반환하지 않았습니다 (반환값: ${formatReturned(returned)}).`, `모양 ${show(e.shape)}`, formatReturned(returned), hint)];
      }
      if (JSON.stringify(a.shape) !== JSON.stringify(e.shape)) {
        return [fail(id, title, `${title}: ${name}()의 결과 모양이 ${show(a.shape)}입니다. ${show(e.shape)}이어야 합니다.`, show(e.shape), show(a.shape), hint)];
      }
      let worst = 0;
      let worstIndex = 0;
      e.values.forEach((v, i) => {
        const diff = Math.abs((a.values[i] ?? Number.NaN) - v);
        if (!(diff <= worst)) {
          worst = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff;
          worstIndex = i;
        }
      });
      const passed = worst <= tolerance;
      // Small results (a shape, a few numbers) are shown whole; large ones by their worst element.
      if (e.values.length <= 16) {
        return [
          passed
            ? ok(id, title, `${title}: ${name}() → ${formatValues(a)}`, formatValues(e), formatValues(a))
            : fail(id, title, `${title}: ${name}()의 결과가 기댓값과 다릅니다.`, formatValues(e), formatValues(a), hint),
        ];
      }
      const at = e.shape.length > 1 ? `위치 ${show(unravel(worstIndex, e.shape))}` : `${worstIndex}번 원소`;
      return [
        passed
          ? ok(id, title, `${title}: ${name}()의 결과 ${show(a.shape)}가 기댓값과 일치합니다 (최대 오차 ${worst.toExponential(1)}).`)
          : fail(id, title, `${title}: ${name}()의 결과가 ${at}에서 다릅니다 (허용 오차 ${tolerance}).`, formatNumber(e.values[worstIndex]!), formatNumber(a.values[worstIndex] ?? Number.NaN), hint),
      ];
    },
  };
}

/** A small value as the learner wrote it: `5`, `[26, 26, 32]`, `[[1, 2], [3, 4]]`. */
function formatValues(t: Numeric): string {
  const nest = (dims: number[], offset: number): string => {
    if (dims.length === 0) return formatNumber(t.values[offset]!);
    const [n, ...rest] = dims;
    const stride = rest.reduce((x, y) => x * y, 1);
    return `[${Array.from({ length: n! }, (_, i) => nest(rest, offset + i * stride)).join(', ')}]`;
  };
  return nest(t.shape, 0);
}

/** Six significant digits: float32 noise (1.6099998950958252) reads as the number meant (1.61). */
function formatNumber(v: number): string {
  return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function unravel(index: number, shape: number[]): number[] {
  const at: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    at.unshift(index % shape[d]!);
    index = Math.floor(index / shape[d]!);
  }
  return at;
}

function formatReturned(v: unknown): string {
  if (v === undefined) return 'undefined';
  const text = (ArrayBuffer.isView(v) ? `${v.constructor.name}(${(v as Float32Array).length})` : JSON.stringify(v)) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The share of `test` images whose predicted class is their label (most probable class, or above 0.5 for one sigmoid unit). */
export function testAccuracy(tf: GradingContext['tf'], model: NonNullable<GradingContext['model']>, test: Pick<HeldOutSet, 'xs' | 'ys'>): number {
  return tf.tidy(() => {
    const predictions = model.predict(test.xs) as ReturnType<typeof tf.softmax>;
    // One sigmoid unit (a binary task) says class 1 above 0.5; argMax over one column is always 0.
    const classes = predictions.shape.at(-1) === 1 ? tf.cast(tf.greater(tf.reshape(predictions, [-1]), 0.5), 'int32') : tf.argMax(predictions, -1);
    return tf.mean(tf.cast(tf.equal(classes, tf.cast(test.ys, 'int32')), 'float32')).dataSync()[0] ?? 0;
  });
}

/**
 * Accuracy of the learner's trained model on a held-out test set that the grader loads itself.
 * `quick` (CI) uses the smaller sample and threshold; both are stated in the message.
 */
export function expectAccuracy(options: { dataset: DatasetName; samples: number; min: number; quick?: { samples: number; min: number } }): Check {
  const id = 'accuracy';
  const title = '테스트 정확도';
  return modelCheck(id, title, 'result', (resultId) => resultId === id, async (model, _summary, context) => {
    const { samples, min } = context.quick && options.quick ? options.quick : options;
    const test = await context.loadTestSet(options.dataset, samples);
    const accuracy = testAccuracy(context.tf, model, test);
    test.xs.dispose();
    test.ys.dispose();
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    return [
      accuracy >= min
        ? ok(id, title, `테스트 이미지 ${fmt(test.count)}장에서 정확도 ${pct(accuracy)} (기준 ${pct(min)} 이상).`, `≥ ${pct(min)}`, pct(accuracy))
        : fail(
            id,
            title,
            `테스트 이미지 ${fmt(test.count)}장에서 정확도가 ${pct(accuracy)}입니다. ${pct(min)} 이상이어야 합니다.`,
            `≥ ${pct(min)}`,
            pct(accuracy),
            [
              '입력을 0~1로 정규화했는지, 에포크와 학습률이 적당한지, 손실 함수가 레이블 형식에 맞는지 확인하세요.',
              '차례로 확인하세요: 시작 코드의 epochs와 batchSize를 줄이지 않았는지, 마지막 층의 activation이 softmax인지, 손실이 레이블에 맞는지(정수 레이블은 sparseCategoricalCrossentropy, 원-핫은 categoricalCrossentropy), 학습률이 너무 크지 않은지(Adam 기본 0.001). 학습 곡선에서 손실이 줄지 않으면 학습률을, 훈련 정확도만 오르면 과대적합을 의심하세요.',
            ],
          ),
    ];
  });
}

/**
 * Anything else, as a function of the grading context. A custom check runs on the finished
 * submission unless it says it needs only the structure; it lists the learner calls it reads.
 */
export function customCheck(
  id: string,
  title: string,
  fn: (context: GradingContext) => Promise<Omit<CheckResult, 'id' | 'title'>> | Omit<CheckResult, 'id' | 'title'>,
  options: { needs?: CheckNeeds; calls?: readonly GraderCall[] } = {},
): Check {
  return {
    id,
    title,
    needs: options.needs ?? 'result',
    ...(options.calls ? { calls: options.calls } : {}),
    reports: (resultId) => resultId === id,
    run: async (context) => [{ id, title, ...(await fn(context)) }],
  };
}

/**
 * Composable checks. Each returns results with expected vs actual, a Korean message naming the
 * layer at fault, and a hint. Messages follow Keras' way of writing shapes: `(None, 26, 26, 32)`.
 */
import { formatShape } from '../src/runtime/model-summary.ts';
import type { LayerSummaryRow } from '../src/runtime/protocol.ts';
import type { Check, CheckResult, GradingContext, HeldOutSet } from './types.ts';

type Shape = (number | null)[];

const fmt = (n: number) => n.toLocaleString('en-US');

function ok(id: string, title: string, message: string, expected?: string, actual?: string): CheckResult {
  return { id, title, passed: true, message, ...(expected !== undefined ? { expected } : {}), ...(actual !== undefined ? { actual } : {}) };
}

function fail(id: string, title: string, message: string, expected: string, actual: string, hint?: string): CheckResult {
  return { id, title, passed: false, message, expected, actual, ...(hint ? { hint } : {}) };
}

function needModel(context: GradingContext, id: string, title: string) {
  if (!context.model || !context.summary) {
    return { error: fail(id, title, '채점할 모델이 없습니다. buildModel()이 모델을 반환하는지 확인하세요.', '모델', '없음') };
  }
  return { model: context.model, summary: context.summary };
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

export interface ExpectedLayer {
  className: string;
  outputShape?: Shape;
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
  const title = '층 구성과 출력 모양';
  return {
    id,
    title,
    run(context) {
      const got = needModel(context, id, title);
      if ('error' in got) return [got.error];
      const { model, summary } = got;
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
      expected.forEach((exp, i) => {
        const row = rows[i]!;
        const label = layerLabel(rows, i);
        const layerConfig = model.layers[i]?.getConfig() ?? {};
        if (exp.outputShape) {
          const expShape = formatShape(exp.outputShape);
          const actShape = formatShape(row.outputShape);
          const kernel = Array.isArray(layerConfig['kernelSize']) ? Number((layerConfig['kernelSize'] as number[])[0]) : undefined;
          results.push(
            expShape === actShape
              ? ok(`layer.${i + 1}.outputShape`, `${label}의 출력 모양`, `${label}의 출력 ${actShape}`, expShape, actShape)
              : fail(
                  `layer.${i + 1}.outputShape`,
                  `${label}의 출력 모양`,
                  `${label}의 출력 ${actShape} — 기대값 ${expShape}: ${shapeHint(row.className, exp.outputShape, row.outputShape as Shape, kernel)}`,
                  expShape,
                  actShape,
                  shapeHint(row.className, exp.outputShape, row.outputShape as Shape, kernel),
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
                  row.className === 'Conv2D' ? 'Conv2D의 파라미터 수 = kh·kw·입력 채널·filters + filters 입니다.' : 'Dense의 파라미터 수 = 입력 크기·units + units 입니다.',
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
    },
  };
}

/** Total, trainable and non-trainable parameter counts. */
export function expectParams(expected: { total: number; trainable?: number; nonTrainable?: number }): Check {
  const id = 'params';
  const title = '파라미터 수';
  return {
    id,
    title,
    run(context) {
      const got = needModel(context, id, title);
      if ('error' in got) return [got.error];
      const s = got.summary;
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
            : fail(pid, ptitle, `${ptitle}가 ${fmt(actual)}개입니다. 기대값은 ${fmt(want)}개입니다.`, fmt(want), fmt(actual), '층마다 파라미터 수를 요약표에서 비교해 어느 층이 다른지 찾으세요.'),
        );
    },
  };
}

/** How many weight tensors are trainable (freezing and fine-tuning exercises). */
export function expectTrainableWeightCount(expected: number): Check {
  const id = 'trainableWeights';
  const title = '학습되는 가중치 텐서 수';
  return {
    id,
    title,
    run(context) {
      const got = needModel(context, id, title);
      if ('error' in got) return [got.error];
      const actual = got.model.trainableWeights.length;
      return [
        actual === expected
          ? ok(id, title, `학습되는 가중치 텐서가 ${actual}개입니다.`, String(expected), String(actual))
          : fail(id, title, `학습되는 가중치 텐서가 ${actual}개입니다. ${expected}개여야 합니다.`, String(expected), String(actual), '동결할 층의 trainable을 false로 두었는지 확인하세요.'),
      ];
    },
  };
}

/** A tensor-like value `{shape, values}` as the runner serializes tensors. */
export interface PlainTensor {
  shape: number[];
  values: number[];
}

function isPlainTensor(v: unknown): v is PlainTensor {
  return typeof v === 'object' && v !== null && Array.isArray((v as PlainTensor).shape) && Array.isArray((v as PlainTensor).values);
}

/** A value a learner function may return: a number, a (nested, rectangular) array of numbers, or a tensor. */
export type ValueLike = PlainTensor | number | readonly ValueLike[];

/** `{shape, values}` for a number, a rectangular nested array or a plain tensor; undefined for anything else. */
export function toPlainTensor(v: unknown): PlainTensor | undefined {
  if (isPlainTensor(v)) return v;
  if (typeof v === 'number') return { shape: [], values: [v] };
  if (!Array.isArray(v)) return undefined;
  const parts = v.map(toPlainTensor);
  if (parts.some((p) => p === undefined)) return undefined;
  const inner = (parts as PlainTensor[])[0]?.shape ?? [];
  if ((parts as PlainTensor[]).some((p) => JSON.stringify(p.shape) !== JSON.stringify(inner))) return undefined;
  return { shape: [v.length, ...inner], values: (parts as PlainTensor[]).flatMap((p) => p.values) };
}

/**
 * The value returned by a learner function equals the expected one within `tolerance` (absolute).
 * `key` is the call's key (its function name unless the call set one). `expected` may be a
 * function, so the grader computes the reference itself (with TF.js, say) instead of storing it.
 */
export function expectValues(options: {
  id: string;
  title: string;
  key: string;
  expected: ValueLike | ((context: GradingContext) => ValueLike | Promise<ValueLike>);
  tolerance?: number;
  hint?: string;
}): Check {
  const tolerance = options.tolerance ?? 1e-4;
  const { id, title, key, hint } = options;
  const name = key.replace(/[#:].*$/, '');
  return {
    id,
    title,
    async run(context) {
      const want = typeof options.expected === 'function' ? await options.expected(context) : options.expected;
      const e = toPlainTensor(want);
      if (!e) throw new Error(`${id}: expected value is not numeric`);
      const returned = context.values?.[key];
      const a = toPlainTensor(returned);
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
function formatValues(t: PlainTensor): string {
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
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The share of `test` images whose most probable class is their label. */
export function testAccuracy(tf: GradingContext['tf'], model: NonNullable<GradingContext['model']>, test: Pick<HeldOutSet, 'xs' | 'ys'>): number {
  return tf.tidy(() => {
    const predictions = model.predict(test.xs) as ReturnType<typeof tf.softmax>;
    return tf.mean(tf.cast(tf.equal(tf.argMax(predictions, -1), tf.cast(test.ys, 'int32')), 'float32')).dataSync()[0] ?? 0;
  });
}

/**
 * Accuracy of the learner's trained model on a held-out test set that the grader loads itself.
 * `quick` (CI) uses the smaller sample and threshold; both are stated in the message.
 */
export function expectAccuracy(options: { dataset: string; samples: number; min: number; quick?: { samples: number; min: number } }): Check {
  const id = 'accuracy';
  const title = '테스트 정확도';
  return {
    id,
    title,
    async run(context) {
      const got = needModel(context, id, title);
      if ('error' in got) return [got.error];
      const { samples, min } = context.quick && options.quick ? options.quick : options;
      const test = await context.loadTestSet(options.dataset, samples);
      const accuracy = testAccuracy(context.tf, got.model, test);
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
              '입력을 0~1로 정규화했는지, 에포크와 학습률이 적당한지, 손실 함수가 레이블 형식에 맞는지 확인하세요.',
            ),
      ];
    },
  };
}

/** Anything else, as a function of the grading context. */
export function customCheck(id: string, title: string, fn: (context: GradingContext) => Promise<Omit<CheckResult, 'id' | 'title'>> | Omit<CheckResult, 'id' | 'title'>): Check {
  return { id, title, run: async (context) => [{ id, title, ...(await fn(context)) }] };
}

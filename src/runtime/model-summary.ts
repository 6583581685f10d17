/**
 * Keras-style `summary()` figures of a TF.js layers model: per layer output shape (batch as
 * `null`, like Keras' `None`) and parameter count, and the trainable / non-trainable totals.
 * The runner shows it to the learner; the graders check the same figures.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ModelSummary } from './protocol.ts';

// Weight shapes are always fully known; `Shape` only allows null for symbolic batch dimensions.
function sizeOf(shape: readonly (number | null)[]): number {
  return shape.reduce<number>((a, b) => a * (b ?? 1), 1);
}

export function summarizeModel(model: LayersModel): ModelSummary {
  const rows = model.layers.map((layer) => ({
    name: layer.name,
    className: layer.getClassName(),
    outputShape: layer.outputShape as ModelSummary['rows'][number]['outputShape'],
    params: layer.countParams(),
  }));
  const trainableParams = model.trainableWeights.reduce((sum, w) => sum + sizeOf(w.shape), 0);
  const nonTrainableParams = model.nonTrainableWeights.reduce((sum, w) => sum + sizeOf(w.shape), 0);
  return { rows, totalParams: trainableParams + nonTrainableParams, trainableParams, nonTrainableParams };
}

export function formatShape(shape: ModelSummary['rows'][number]['outputShape']): string {
  const one = (s: readonly (number | null)[]) => `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')}${s.length === 1 ? ',' : ''})`;
  return Array.isArray(shape[0]) ? (shape as (number | null)[][]).map(one).join(', ') : one(shape as (number | null)[]);
}

/** The summary as Keras prints it, for `print(summary(model))` and the Node CLI. */
export function formatSummary(summary: ModelSummary): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #'];
  const body = summary.rows.map((r) => [`${r.name} (${r.className})`, formatShape(r.outputShape), r.params.toLocaleString('en-US')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)) + 2);
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('').trimEnd();
  const rule = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    rule('_'),
    line(header),
    rule('='),
    ...body.flatMap((row, i) => [line(row), rule(i === body.length - 1 ? '=' : '_')]),
    `Total params: ${summary.totalParams.toLocaleString('en-US')}`,
    `Trainable params: ${summary.trainableParams.toLocaleString('en-US')}`,
    `Non-trainable params: ${summary.nonTrainableParams.toLocaleString('en-US')}`,
    rule('_'),
  ].join('\n');
}

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

type RowShape = ModelSummary['rows'][number]['outputShape'];

/**
 * A layer's output shape. A layer applied more than once with different results (document 004's
 * LeNet5 reuses one pooling layer) has no single `outputShape` — TF.js throws, Keras prints
 * "multiple" — so it gets one shape per call, in call order.
 */
function outputShapeOf(layer: LayersModel['layers'][number]): RowShape {
  const nodes = layer.inboundNodes ?? [];
  if (nodes.length > 1) {
    const perCall = nodes.map((node) => JSON.stringify(node.outputShapes));
    if (new Set(perCall).size > 1) {
      // A node's outputShapes is a list of shapes (one per output); these layers have one output.
      return nodes.map((node) => (Array.isArray(node.outputShapes[0]) ? node.outputShapes[0] : node.outputShapes)) as RowShape;
    }
  }
  return layer.outputShape as RowShape;
}

export function summarizeModel(model: LayersModel): ModelSummary {
  const rows = model.layers.map((layer) => ({
    name: layer.name,
    className: layer.getClassName(),
    outputShape: outputShapeOf(layer),
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

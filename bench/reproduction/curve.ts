/** The learning curves of a model's reproduction runs as a small SVG (no Node imports: the site draws it too). */
import type { Recipe } from './recipes.ts';
import { isNative } from './summary.ts';
import type { ReproductionResult } from './train.ts';

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
const NATIVE = '#8250df';
const DOCUMENT = '#2da44e';

/** An SVG of training and validation accuracy per epoch, with the document's figure as a line. */
export function curveSvg(recipe: Recipe, results: ReproductionResult[]): string {
  const width = 560;
  const height = 260;
  const documentValidation = (recipe.documentCurve ?? []).map(([, valAccuracy], i): [number, number] => [i + 1, valAccuracy]);
  // What the legend's second line explains, when the chart has it.
  const extras = [
    ...(results.some(isNative) ? ['purple: native PyTorch on the same images'] : []),
    ...(documentValidation.length ? ["green dots: the document's validation accuracy per epoch"] : []),
  ];
  const pad = { left: 48, right: 16, top: 16, bottom: extras.length ? 48 : 36 };
  const epochs = Math.max(recipe.epochs, ...results.map((r) => r.history.length));
  const values = results.flatMap((r) => r.history.flatMap((h) => [h.accuracy, h.valAccuracy ?? h.accuracy]));
  if (recipe.documentFigure) values.push(recipe.documentFigure.accuracy);
  values.push(...documentValidation.map(([, a]) => a));
  const low = Math.max(0, Math.floor(Math.min(...values, 0.8) * 20) / 20);
  const x = (epoch: number) => pad.left + ((epoch - 1) / Math.max(1, epochs - 1)) * (width - pad.left - pad.right);
  const y = (accuracy: number) => pad.top + (1 - (accuracy - low) / (1 - low)) * (height - pad.top - pad.bottom);
  const line = (points: [number, number][], style: string) =>
    `<polyline fill="none" ${style} points="${points.map(([e, a]) => `${x(e).toFixed(1)},${y(a).toFixed(1)}`).join(' ')}"/>`;
  const parts: string[] = [];
  // A grid line every 5 points, or every 10 when the curves reach far down (batch norm's first epochs).
  const step = 1 - low > 0.3 ? 0.1 : 0.05;
  for (let tick = 1; tick >= low - 1e-9; tick -= step) {
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${pad.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${Math.round(tick * 100)}%</text>`);
  }
  for (const r of results) {
    // The native cross-check in one colour of its own, so the course's engine's lines stay readable.
    const native = isNative(r);
    parts.push(line(r.history.map((h) => [h.epoch, h.accuracy]), `stroke="${native ? NATIVE : '#1f6feb'}" stroke-width="1.5"`));
    const validated = r.history.filter((h) => h.valAccuracy !== undefined);
    if (validated.length) parts.push(line(validated.map((h) => [h.epoch, h.valAccuracy!]), `stroke="${native ? NATIVE : '#d1242f'}" stroke-width="1.5" stroke-dasharray="5 3"`));
  }
  if (documentValidation.length) {
    parts.push(line(documentValidation, `stroke="${DOCUMENT}" stroke-width="1" stroke-dasharray="2 3"`));
    for (const [e, a] of documentValidation) parts.push(`<circle cx="${x(e).toFixed(1)}" cy="${y(a).toFixed(1)}" r="2" fill="${DOCUMENT}"/>`);
  }
  if (recipe.documentFigure) {
    const at = y(recipe.documentFigure.accuracy).toFixed(1);
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${at}" y2="${at}" stroke="${DOCUMENT}" stroke-width="1.5"/>`);
    parts.push(`<text x="${width - pad.right}" y="${Number(at) - 4}" text-anchor="end" fill="${DOCUMENT}">document ${percent(recipe.documentFigure.accuracy)} (${recipe.documentFigure.metric === 'best-validation' ? 'best validation' : 'test'})</text>`);
  }
  parts.push(`<text x="${(width + pad.left) / 2}" y="${height - (extras.length ? 20 : 8)}" text-anchor="middle">epoch (1–${epochs}) · blue: training accuracy · red dashed: validation accuracy</text>`);
  if (extras.length) parts.push(`<text x="${(width + pad.left) / 2}" y="${height - 6}" text-anchor="middle">${extras.join(' · ')}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${recipe.id}: training and validation accuracy per epoch" font-family="sans-serif" font-size="11" fill="#333"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
}


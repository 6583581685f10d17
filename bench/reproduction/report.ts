/**
 * docs/reproduction.md and its learning-curve images, written from the committed results in
 * bench/results/reproduction/: one row per model, the document's figure beside the course's
 * (mean and range over the seeds run), and for a model not yet run in full, its first epochs and
 * the projected time of the whole recipe on this machine.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RECIPES, type Recipe } from './recipes.ts';
import type { ReproductionResult } from './train.ts';

export function readResults(dir: string): ReproductionResult[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReproductionResult);
}

/** Where a run's JSON goes: one file per model, seed and backend; a run cut short is kept apart. */
export function resultFileName(result: Pick<ReproductionResult, 'recipe' | 'seed' | 'backend' | 'complete'>): string {
  return `${result.recipe}-${result.backend}-seed${result.seed}${result.complete ? '' : '-partial'}.json`;
}

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
const minutes = (seconds: number) => (seconds < 90 ? `${Math.round(seconds)} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`);

function summarize(recipe: Recipe, results: ReproductionResult[]): string {
  const complete = results.filter((r) => r.complete);
  const document = recipe.documentFigure ? `${percent(recipe.documentFigure.accuracy)}${recipe.documentFigure.metric === 'best-validation' ? ' (best validation)' : ''}` : '— (prints none)';
  const source = `${recipe.document}, ${recipe.section}`;
  if (complete.length > 0) {
    const accuracies = complete.map(compared);
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    const ours = complete.length === 1 ? percent(mean) : `${percent(mean)} (${percent(Math.min(...accuracies))}–${percent(Math.max(...accuracies))}, ${complete.length} seeds)`;
    const epochs = [...new Set(complete.map((r) => (r.stoppedEarly ? `${r.epochsRun} (early stop, kept ${r.keptEpoch})` : String(r.epochsRun))))].join(', ');
    const wall = `${minutes(complete.reduce((sum, r) => sum + r.trainSeconds, 0) / complete.length)}${loadNote(complete)}`;
    return `| ${recipe.id} | ${source} | ${document} | ${ours} | ${epochs} / ${recipe.epochs} | ${wall} | ${[...new Set(complete.map((r) => r.backend))].join(', ')} | run in full |`;
  }
  const partial = results.filter((r) => r.history.length > 0).sort((a, b) => b.history.length - a.history.length)[0];
  if (!partial) return `| ${recipe.id} | ${source} | ${document} | — | — / ${recipe.epochs} | — | — | not yet run |`;
  const perEpoch = partial.trainSeconds / partial.history.length;
  const load = loadNote([partial]);
  return `| ${recipe.id} | ${source} | ${document} | ${percent(compared(partial))} after ${partial.history.length} epoch(s) | ${partial.history.length} / ${recipe.epochs} | projected ${minutes(perEpoch * recipe.epochs)}${load} | ${partial.backend} | **not yet run in full** |`;
}

/** The figure of ours that the document's is compared with: test accuracy, or the best validation accuracy. */
function compared(result: ReproductionResult): number {
  return result.comparedWith === 'best-validation' && result.bestValAccuracy !== null ? result.bestValAccuracy : result.testAccuracy;
}

/** The mean load over the epochs that recorded it, when the machine was busier than its cores. */
function loadNote(results: ReproductionResult[]): string {
  const loads = results.flatMap((r) => r.history.map((h) => h.loadAverage).filter((l): l is number => l !== undefined));
  if (loads.length === 0) return '';
  const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
  const cores = results[0]!.machine.cpus;
  return mean > cores + 0.5 ? ` (busy machine: load ${mean.toFixed(1)} on ${cores} cores)` : '';
}

/** An SVG of training and validation accuracy per epoch, with the document's figure as a line. */
export function curveSvg(recipe: Recipe, results: ReproductionResult[]): string {
  const width = 560;
  const height = 260;
  const pad = { left: 48, right: 16, top: 16, bottom: 36 };
  const epochs = Math.max(recipe.epochs, ...results.map((r) => r.history.length));
  const values = results.flatMap((r) => r.history.flatMap((h) => [h.accuracy, h.valAccuracy ?? h.accuracy]));
  if (recipe.documentFigure) values.push(recipe.documentFigure.accuracy);
  const low = Math.max(0, Math.floor(Math.min(...values, 0.8) * 20) / 20);
  const x = (epoch: number) => pad.left + ((epoch - 1) / Math.max(1, epochs - 1)) * (width - pad.left - pad.right);
  const y = (accuracy: number) => pad.top + (1 - (accuracy - low) / (1 - low)) * (height - pad.top - pad.bottom);
  const line = (points: [number, number][], style: string) =>
    `<polyline fill="none" ${style} points="${points.map(([e, a]) => `${x(e).toFixed(1)},${y(a).toFixed(1)}`).join(' ')}"/>`;
  const parts: string[] = [];
  for (let tick = low; tick <= 1.0001; tick += 0.05) {
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${pad.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${Math.round(tick * 100)}%</text>`);
  }
  for (const r of results) {
    parts.push(line(r.history.map((h) => [h.epoch, h.accuracy]), 'stroke="#1f6feb" stroke-width="1.5"'));
    const validated = r.history.filter((h) => h.valAccuracy !== undefined);
    if (validated.length) parts.push(line(validated.map((h) => [h.epoch, h.valAccuracy!]), 'stroke="#d1242f" stroke-width="1.5" stroke-dasharray="5 3"'));
  }
  if (recipe.documentFigure) {
    const at = y(recipe.documentFigure.accuracy).toFixed(1);
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${at}" y2="${at}" stroke="#2da44e" stroke-width="1.5"/>`);
    parts.push(`<text x="${width - pad.right}" y="${Number(at) - 4}" text-anchor="end" fill="#2da44e">document ${percent(recipe.documentFigure.accuracy)} (test)</text>`);
  }
  parts.push(`<text x="${(width + pad.left) / 2}" y="${height - 8}" text-anchor="middle">epoch (1–${epochs}) · blue: training accuracy · red dashed: validation accuracy</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="11" fill="#333"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
}

export function writeReport(resultsDir: string, docsPath: string): void {
  const results = readResults(resultsDir);
  const imagesDir = join(docsPath, '..', 'reproduction');
  mkdirSync(imagesDir, { recursive: true });
  const rows: string[] = [];
  const curves: string[] = [];
  for (const recipe of RECIPES) {
    const mine = results.filter((r) => r.recipe === recipe.id);
    rows.push(summarize(recipe, mine));
    if (mine.some((r) => r.history.length > 0)) {
      const file = join(imagesDir, `${recipe.id}.svg`);
      writeFileSync(file, curveSvg(recipe, mine));
      curves.push(`### ${recipe.id}: ${recipe.title}\n\n![${recipe.id} learning curves](${relative(join(docsPath, '..'), file)})\n`);
    }
  }
  const choices = RECIPES.map((r) => `- **${r.id}** (document ${r.document}, ${r.section}): ${r.optimizer} ${r.learningRate}, batch ${r.batchSize}, ${r.epochs} epochs, validation ${describeValidation(r)}${r.earlyStopping ? `, early stopping (patience ${r.earlyStopping.patience}${r.earlyStopping.restoreBestWeights ? ', best weights restored' : ''})` : ''}. ${r.documentFigure ? `The document's figure: ${r.documentFigure.measured}. ` : ''}${r.choices.join(' ')}`);
  const text = `# Reproducing the documents' accuracies

Written by \`npm run reproduce\` from the results in \`bench/results/reproduction/\` (one JSON file
per model, seed and backend; do not edit by hand). Each model is trained with its document's
recipe on the full training split, in Node on the course's WASM kernels unless the row says
otherwise, seeded, and tested on the full test split. Wall time is training time on the machine
that ran it (\`machine\` in the JSON: this course's is a 2-core container).

| model | document, section | document's figure | ours (same measure) | epochs run / recipe | wall time | backend | status |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Run a model in full (resumable: an interrupted run continues from its last finished epoch):

\`\`\`sh
npm run reproduce -- cnn-001                  # one model, seed 1
npm run reproduce -- cnn-001 --seeds 1,2,3    # several seeds
npm run reproduce -- vgg-001 --epochs 2       # the first epochs only: a partial row with the projected time
npm run reproduce -- --all                    # every model (hours on two cores)
npm run reproduce -- --report                 # rewrite this page from the results
\`\`\`

## Recipes, and what differs from the documents

${choices.join('\n')}

## Learning curves

${curves.length ? curves.join('\n') : '(no runs recorded yet)'}
`;
  writeFileSync(docsPath, text);
}

function describeValidation(recipe: Recipe): string {
  const v = recipe.validation;
  if (v.kind === 'test') return 'on the test split (as the document passes it)';
  if (v.kind === 'last-fraction') return v.fraction > 0 ? `the last ${v.fraction * 100}% of the training split (Keras validation_split)` : 'none';
  return `a seeded random ${v.fraction * 100}% of the training split`;
}

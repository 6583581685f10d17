/**
 * docs/reproduction.md and its learning-curve images, written from the committed results in
 * bench/results/reproduction/: one row per model, the document's figure beside the course's
 * (mean and range over the seeds run), and for a model not yet run in full, its first epochs and
 * the projected time of the whole recipe on this machine.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RECIPES, type Recipe } from './recipes.ts';
import { curveSvg } from './curve.ts';
import { gapToDocument, nativePartialEpochs, nativeStanding, partialBesideDocument, standing, type Gap } from './summary.ts';
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

function row(recipe: Recipe, results: ReproductionResult[]): string {
  const document = recipe.documentFigure ? `${percent(recipe.documentFigure.accuracy)}${recipe.documentFigure.metric === 'best-validation' ? ' (best validation)' : ''}` : '— (prints none)';
  const native = nativeStanding(results);
  const nativeEpochs = nativePartialEpochs(results);
  const nativeCell = native
    ? native.seeds === 1
      ? percent(native.accuracy)
      : `${percent(native.accuracy)} (${percent(native.min)}–${percent(native.max)}, ${native.seeds} seeds)`
    : nativeEpochs > 0
      ? `first ${nativeEpochs} epoch(s): in the curve`
      : '—';
  const cells = (ours: string, epochs: string, wall: string, backend: string, status: string) =>
    `| ${recipe.id} | ${recipe.document}, ${recipe.section} | ${document} | ${ours} | ${epochs} / ${recipe.epochs} | ${wall} | ${backend} | ${status} | ${nativeCell} |`;
  const s = standing(results);
  if (s.status === 'none') return cells('—', '—', '—', '—', 'not yet run');
  const busy = s.busyLoad === null ? '' : ` (busy machine: load ${s.busyLoad} on ${s.cores} cores)`;
  const beside = partialBesideDocument(recipe, s);
  const alongside = beside ? `; validation ${percent(beside.ours)}, the document's ${percent(beside.document)} at that epoch` : '';
  if (s.status === 'partial') return cells(`${percent(s.accuracy)} after ${s.epochsRun} epoch(s)${alongside}`, String(s.epochsRun), `projected ${minutes(s.projectedSeconds)}${busy}`, s.backends.join(', '), '**not yet run in full**');
  const ours = s.seeds === 1 ? percent(s.accuracy) : `${percent(s.accuracy)} (${percent(s.min)}–${percent(s.max)}, ${s.seeds} seeds)`;
  return cells(ours, s.epochs, `${minutes(s.wallSeconds)}${busy}`, s.backends.join(', '), 'run in full');
}

export function writeReport(resultsDir: string, docsPath: string): void {
  const results = readResults(resultsDir);
  const imagesDir = join(docsPath, '..', 'reproduction');
  mkdirSync(imagesDir, { recursive: true });
  const rows: string[] = [];
  const curves: string[] = [];
  for (const recipe of RECIPES) {
    const mine = results.filter((r) => r.recipe === recipe.id);
    rows.push(row(recipe, mine));
    if (mine.some((r) => r.history.length > 0)) {
      const file = join(imagesDir, `${recipe.id}.svg`);
      writeFileSync(file, curveSvg(recipe, mine));
      curves.push(`### ${recipe.id}: ${recipe.title}\n\n![${recipe.id} learning curves](${relative(join(docsPath, '..'), file)})\n`);
    }
  }
  const gaps = RECIPES.flatMap((recipe) => {
    const gap = gapToDocument(recipe.documentFigure?.accuracy, results.filter((r) => r.recipe === recipe.id));
    return gap ? [`- **${recipe.id}**: ${describeGap(recipe, gap)}`] : [];
  });
  const choices = RECIPES.map((r) => `- **${r.id}** (document ${r.document}, ${r.section}): ${r.optimizer} ${r.learningRate}, batch ${r.batchSize}, ${r.epochs} epochs, validation ${describeValidation(r)}${r.earlyStopping ? `, early stopping (patience ${r.earlyStopping.patience}${r.earlyStopping.restoreBestWeights ? ', best weights restored' : ''})` : ''}. ${r.documentFigure ? `The document's figure: ${r.documentFigure.measured.en}. ` : ''}${r.choices.map((c) => c.en).join(' ')}`);
  const text = `# Reproducing the documents' accuracies

Written by \`npm run reproduce\` from the results in \`bench/results/reproduction/\` (one JSON file
per model, seed and backend; do not edit by hand). Each model is trained with its document's
recipe on the full training split, in Node on the course's WASM kernels unless the row says
otherwise, seeded, and tested on the full test split. Wall time is training time on the machine
that ran it (\`machine\` in the JSON: this course's is a 2-core container).

The last column is the cross-check: native PyTorch (\`--native\`, \`bench/native/reproduce.py\`)
training the same model with the same recipe on the very same training, validation and test
images, initialized as Keras initializes. Where the course's figure and the document's differ,
PyTorch landing beside the course's engine says the gap lies in the data or in chance, not in the
engine.

| model | document, section | document's figure | ours (same measure) | epochs run / recipe | wall time | backend | status | native PyTorch, same images |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Run a model in full (resumable: an interrupted run continues from its last finished epoch):

\`\`\`sh
npm run reproduce -- cnn-001                  # one model, seed 1
npm run reproduce -- cnn-001 --seeds 1,2,3    # several seeds
npm run reproduce -- vgg-001 --epochs 2       # the first epochs only: a partial row with the projected time
npm run reproduce -- cnn-001 --native         # the cross-check: native PyTorch, same model, recipe and images
npm run reproduce -- --all                    # every model (hours on two cores)
npm run reproduce -- --report                 # rewrite this page from the results
\`\`\`

## Gaps to the documents

Within one point counts as a match. A wider gap is cross-checked with native PyTorch on the same
images (the last column): if its range over seeds comes within half a point of the range of the
course's seeds, the gap is not the engine's.

${gaps.length ? gaps.join('\n') : '(no model with a figure of the document run in full yet)'}

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

const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(2)} points`;

function describeGap(recipe: Recipe, gap: Gap): string {
  const head = `${percent(gap.engine)} against the document's ${percent(gap.document)} (${points(gap.engine - gap.document)})`;
  switch (gap.verdict) {
    case 'matches':
      return `${head}: within a point.`;
    case 'unchecked':
      return `${head}: not cross-checked yet${recipe.nativeModel ? ` (\`npm run reproduce -- ${recipe.id} --native\`)` : ' (no native twin of this model)'}.`;
    case 'not-engine':
      return `${head}. Native PyTorch on the same images: ${percent(gap.native.accuracy)} (${gap.native.seeds} seed${gap.native.seeds > 1 ? 's' : ''}), beside the course's engine: the gap is not the engine's; it lies in what differs from the document's run (its recipe below: the data, the document's own seed).`;
    case 'engine-suspect':
      return `${head}. Native PyTorch on the same images: ${percent(gap.native.accuracy)} (${gap.native.seeds} seed${gap.native.seeds > 1 ? 's' : ''}), away from the course's engine: look for a fault of the engine (a kernel, a layer) before blaming the data.`;
  }
}

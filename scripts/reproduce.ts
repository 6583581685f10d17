/**
 * `npm run reproduce -- <model|--all> [options]`: trains the documents' models with the documents'
 * own recipes and compares test accuracy with the figures they print (bench/reproduction/, the
 * table in docs/reproduction.md). Hours on two cores for the larger models; not part of CI.
 *
 *   --seeds 1,2,3         seeds to run (default 1)
 *   --backend wasm|cpu    Node backend (default wasm, with the course's training kernels)
 *   --native              the cross-check instead: native PyTorch (python3 with torch) trains the
 *                         same model with the same recipe on the same images (not resumable)
 *   --threads N           torch's threads for --native (default: the machine's cores)
 *   --epochs N            stop after N epochs: a partial row with the projected time
 *   --limit TRAIN,TEST    first images of each split only (a smoke test; not written to the table)
 *   --out DIR             results folder (default bench/results/reproduction)
 *   --report              only rewrite docs/reproduction.md from the results
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RECIPES, recipe as findRecipe } from '../bench/reproduction/recipes.ts';
import { resultFileName, writeReport } from '../bench/reproduction/report.ts';
import { reproduceNatively } from '../bench/reproduction/native.ts';
import { reproduce, type EpochRecord, type ReproductionResult } from '../bench/reproduction/train.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_OUT = join(ROOT, 'bench', 'results', 'reproduction');
const REPORT = join(ROOT, 'docs', 'reproduction.md');
const USAGE = `사용법 (usage): npm run reproduce -- <${RECIPES.map((r) => r.id).join('|')}|--all> [--seeds 1,2] [--backend wasm|cpu | --native [--threads N]] [--epochs N] [--limit TRAIN,TEST] [--out DIR] | --report`;

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      seeds: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'wasm' },
      native: { type: 'boolean', default: false },
      threads: { type: 'string' },
      epochs: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' },
      report: { type: 'boolean', default: false },
    },
  });
  if (values.report) {
    writeReport(DEFAULT_OUT, REPORT);
    console.log(`${REPORT}를 다시 썼습니다 (rewritten).`);
    return 0;
  }
  const recipes = values.all ? RECIPES : positionals.map(findRecipe);
  if (recipes.length === 0) throw new Error(USAGE);
  if (values.backend !== 'wasm' && values.backend !== 'cpu') throw new Error(`--backend는 wasm 또는 cpu입니다.\n${USAGE}`);
  const seeds = values.seeds.split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds는 정수 목록입니다 (예: 1,2,3).`);
  const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
  const limit = values.limit?.split(',').map(Number);
  if (limit && (limit.length !== 2 || limit.some((n) => !Number.isInteger(n) || n <= 0))) throw new Error(`--limit은 TRAIN,TEST 두 양의 정수입니다.`);
  // A run on a subset says nothing about the document's figure: it never lands in the table's folder.
  const out = values.out ? resolve(values.out) : limit ? undefined : DEFAULT_OUT;

  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads <= 0) throw new Error(`--threads는 양의 정수입니다.`);
  const backend = values.native ? 'pytorch' : values.backend;
  const printEpoch = (r: EpochRecord, planned: number, resumed = false) => {
    const validation = r.valAccuracy !== undefined ? ` · val_loss ${r.valLoss!.toFixed(4)} val_acc ${percent(r.valAccuracy)}` : '';
    console.log(`  epoch ${r.epoch}/${planned}${resumed ? ' (resumed)' : ''} — loss ${r.loss.toFixed(4)} acc ${percent(r.accuracy)}${validation} · ${r.seconds.toFixed(0)} s`);
  };

  for (const recipe of recipes) {
    for (const seed of seeds) {
      console.log(`${recipe.id} (문서 ${recipe.document}, ${recipe.section}) · seed ${seed} · ${backend}${values.native ? ` (${threads} threads)` : ''} · ${recipe.optimizer} ${recipe.learningRate}, batch ${recipe.batchSize}, ${epochs ?? recipe.epochs}/${recipe.epochs} epochs`);
      const common = {
        seed,
        dataDir: join(ROOT, 'public', 'data'),
        ...(epochs !== undefined ? { epochs } : {}),
        ...(limit ? { limit: { train: limit[0]!, test: limit[1]! } } : {}),
      };
      const result: ReproductionResult = values.native
        ? await reproduceNatively(recipe, { ...common, threads, onEpoch: (r, planned) => printEpoch(r, planned) })
        : await reproduce(recipe, {
            ...common,
            backend: values.backend,
            checkpointDir: join(DEFAULT_OUT, 'checkpoints', `${recipe.id}-${values.backend}-seed${seed}${limit ? `-limit${limit.join('x')}` : ''}`),
            onEpoch: printEpoch,
          });
      const against = result.documentAccuracy === null ? '문서에 수치 없음' : `문서 ${percent(result.documentAccuracy)}${result.comparedWith === 'best-validation' ? ' (best validation)' : ''}`;
      const best = result.bestValAccuracy === null ? '' : ` · best val_acc ${percent(result.bestValAccuracy)}`;
      console.log(`  test accuracy ${percent(result.testAccuracy)}${best} (${against}) · ${result.epochsRun} epochs${result.stoppedEarly ? ` (early stop, kept epoch ${result.keptEpoch})` : ''} · ${Math.round(result.trainSeconds)} s${result.complete ? '' : ' · partial'}`);
      if (out) {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, resultFileName(result)), `${JSON.stringify(result, null, 2)}\n`);
      }
    }
  }
  if (out === DEFAULT_OUT) writeReport(DEFAULT_OUT, REPORT);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

/**
 * The native cross-check of a reproduction: the same model trained with the same recipe on the
 * very images the course's engine trains, validates and tests on, by native PyTorch
 * (bench/native/reproduce.py). When the course's figure and the document's differ, this tells a
 * difference of data or chance (PyTorch lands where the course's engine lands) from a fault of
 * the engine (it does not). Needs python3 with torch; not resumable (minutes, not hours).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DatasetBytes } from '../../src/data/loader.ts';
import { startNodeBackend } from '../../src/runtime/node/backend.ts';
import { NO_TORCH, pythonWithTorch } from '../native/python.ts';
import type { Recipe } from './recipes.ts';
import { loadRecipeData, recipeFields, splitIndices, type EpochRecord, type ReproductionOptions, type ReproductionResult } from './train.ts';

export interface NativeOptions extends Pick<ReproductionOptions, 'seed' | 'dataDir' | 'epochs' | 'limit'> {
  /** Torch's CPU threads (the bench's baseline uses as many as the browser's wasm backend). */
  threads: number;
  onEpoch?: (record: EpochRecord, planned: number) => void;
}

const SCRIPT = join(import.meta.dirname, '..', 'native', 'reproduce.py');

/** One split as reproduce.py reads it: the chosen images' pixels, then their labels. */
function writeSplit(dir: string, name: string, data: DatasetBytes, indices: ArrayLike<number>): number {
  const size = data.imageShape.reduce((a, b) => a * b, 1);
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i]!;
    images.set(data.images.subarray(from * size, (from + 1) * size), i * size);
    labels[i] = data.labels[from]!;
  }
  writeFileSync(join(dir, `${name}-images.u8`), images);
  writeFileSync(join(dir, `${name}-labels.u8`), labels);
  return indices.length;
}

const everyIndex = (n: number) => Array.from({ length: n }, (_, i) => i);

interface NativeHeader {
  params: number;
  nonTrainableParams: number;
  torch: string;
  threads: number;
}
interface NativeEnd {
  testLoss: number;
  testAccuracy: number;
  keptEpoch: number;
  stoppedEarly: boolean;
}

/** The TF.js model's parameters, as Keras counts them, that the native twin must match. */
async function parameterCounts(recipe: Recipe): Promise<{ params: number; nonTrainableParams: number }> {
  await startNodeBackend('wasm'); // any backend counts the same; the CPU one prints a banner in Node
  const model = recipe.build();
  const nonTrainableParams = model.nonTrainableWeights.reduce((sum, w) => sum + w.read().size, 0);
  const counts = { params: model.countParams(), nonTrainableParams };
  model.dispose();
  return counts;
}

export async function reproduceNatively(recipe: Recipe, options: NativeOptions): Promise<ReproductionResult> {
  if (!recipe.nativeModel) throw new Error(`'${recipe.id}'에는 네이티브 PyTorch 짝 모델이 없습니다 (no twin in bench/native/seed_models.py).`);
  const expected = await parameterCounts(recipe);
  const python = pythonWithTorch();
  if (!python) throw new Error(NO_TORCH);
  const planned = Math.min(options.epochs ?? recipe.epochs, recipe.epochs);

  const data = await loadRecipeData(recipe, options);
  const split = splitIndices(recipe, data.train.count);
  const work = mkdtempSync(join(tmpdir(), `native-${recipe.id}-`));
  try {
    const testIndices = everyIndex(data.test.count);
    const images = {
      train: writeSplit(work, 'train', data.train, split.train),
      validation: split.validation === 'test' ? writeSplit(work, 'validation', data.test, testIndices) : writeSplit(work, 'validation', data.train, split.validation ?? []),
      test: writeSplit(work, 'test', data.test, testIndices),
    };
    writeFileSync(
      join(work, 'recipe.json'),
      JSON.stringify({
        model: recipe.nativeModel,
        seed: options.seed,
        threads: options.threads,
        optimizer: recipe.optimizer,
        learningRate: recipe.learningRate,
        batchSize: recipe.batchSize,
        epochs: planned,
        ...(recipe.earlyStopping ? { patience: recipe.earlyStopping.patience, restoreBestWeights: recipe.earlyStopping.restoreBestWeights } : {}),
      }),
    );

    const history: EpochRecord[] = [];
    let header: NativeHeader | undefined;
    let end: NativeEnd | undefined;
    const child = spawn(python, [SCRIPT, work], { env: { ...process.env, OMP_NUM_THREADS: String(options.threads) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    for await (const line of createInterface({ input: child.stdout })) {
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line) as Partial<NativeHeader & NativeEnd & EpochRecord>;
      if (message.params !== undefined) {
        header = message as NativeHeader;
        // Only the same model makes a cross-check: the native twin must count the same parameters.
        if (header.params !== expected.params || header.nonTrainableParams !== expected.nonTrainableParams) {
          child.kill();
          throw new Error(`native ${recipe.nativeModel} has ${header.params} parameters (${header.nonTrainableParams} non-trainable); the TF.js model has ${expected.params} (${expected.nonTrainableParams})`);
        }
      } else if (message.epoch !== undefined) {
        history.push(message as EpochRecord);
        options.onEpoch?.(message as EpochRecord, planned);
      } else if (message.testAccuracy !== undefined) {
        end = message as NativeEnd;
      }
    }
    const code = await exited;
    if (code !== 0 || !header || !end) throw new Error(`bench/native/reproduce.py failed (exit ${code}): ${stderr}`);

    return {
      ...recipeFields(recipe, history),
      seed: options.seed,
      backend: 'pytorch',
      stoppedEarly: end.stoppedEarly,
      keptEpoch: end.keptEpoch,
      images: { train: images.train, validation: split.validation === 'test' ? 0 : images.validation, test: images.test },
      testLoss: end.testLoss,
      testAccuracy: end.testAccuracy,
      complete: options.limit === undefined && (history.length === recipe.epochs || end.stoppedEarly),
      native: { torch: header.torch, threads: header.threads },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

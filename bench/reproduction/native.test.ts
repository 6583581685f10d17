/**
 * The native PyTorch cross-check: its runs stay out of the course's engine's figure and get their
 * own column; with python3 and torch installed (not in CI), it trains the recipe's model on the
 * images the engine uses and refuses a twin that is not the same model.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonWithTorch } from '../native/python.ts';
import { reproduceNatively } from './native.ts';
import { recipe } from './recipes.ts';
import { resultFileName, writeReport } from './report.ts';
import { gapToDocument, nativePartialEpochs, nativeStanding, standing } from './summary.ts';
import type { ReproductionBackend, ReproductionResult } from './train.ts';

const DATA_DIR = join(import.meta.dirname, '..', '..', 'public', 'data');
const work = mkdtempSync(join(tmpdir(), 'native-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function finished(backend: ReproductionBackend, seed: number, testAccuracy: number): ReproductionResult {
  const history = Array.from({ length: 25 }, (_, i) => ({ epoch: i + 1, loss: 0.5 - i * 0.01, accuracy: 0.8 + i * 0.005, valLoss: 0.3, valAccuracy: 0.89, seconds: 60 }));
  return {
    recipe: 'cnn-001', title: 't', document: '001', section: 's', dataset: 'fashion-mnist', seed, backend,
    epochsPlanned: 25, epochsRun: 25, stoppedEarly: false, keptEpoch: 25, images: { train: 45_000, validation: 15_000, test: 10_000 },
    testLoss: 0.3, testAccuracy, bestValAccuracy: 0.9, documentAccuracy: 0.8868, comparedWith: 'test', complete: true,
    trainSeconds: 1500, history, choices: [], finishedAt: '2026-12-03T00:00:00Z', machine: { cpus: 2, node: 'v20' },
    ...(backend === 'pytorch' ? { native: { torch: '1.13.0', threads: 1 } } : {}),
  };
}

describe('native cross-check', () => {
  it("keeps native runs out of the engine's figure and reports them in their own column", () => {
    const results = [finished('wasm', 1, 0.9), finished('pytorch', 1, 0.91), finished('pytorch', 2, 0.89)];
    const engine = standing(results);
    expect(engine.status === 'full' && [engine.accuracy, engine.seeds, engine.backends]).toEqual([0.9, 1, ['wasm']]);
    expect(nativeStanding(results)).toMatchObject({ min: 0.89, max: 0.91, seeds: 2, torch: '1.13.0' });
    expect(nativeStanding(results.slice(0, 1))).toBeNull();
    // A native run cut short is drawn, never averaged.
    const cut = { ...finished('pytorch', 3, 0.5), complete: false, history: finished('pytorch', 3, 0.5).history.slice(0, 3) };
    expect(nativeStanding([...results, cut])).toEqual(nativeStanding(results));
    expect([nativePartialEpochs(results), nativePartialEpochs([...results, cut])]).toEqual([0, 3]);

    for (const r of results) writeFileSync(join(work, resultFileName(r)), JSON.stringify(r));
    const page = join(work, 'docs', 'reproduction.md');
    writeReport(work, page);
    const row = readFileSync(page, 'utf8').split('\n').find((line) => line.startsWith('| cnn-001 |'))!;
    expect(row).toMatch(/\| 90\.00% \| 25 \/ 25 \| 25 min \| wasm \| run in full \| 90\.00% \(89\.00%–91\.00%, 2 seeds\) \|$/);
    expect(readFileSync(page, 'utf8')).toContain("- **cnn-001**: 90.00% against the document's 88.68% (+1.32 points). Native PyTorch on the same images: 90.00% (2 seeds), beside the course's engine");
  });

  it('says whether a gap to the document is the engine\'s', () => {
    const engine = [finished('wasm', 1, 0.895), finished('wasm', 2, 0.905)];
    expect(gapToDocument(undefined, engine)).toBeNull();
    expect(gapToDocument(0.9, engine)?.verdict).toBe('matches');
    expect(gapToDocument(0.8868, engine)?.verdict).toBe('unchecked');
    // Native PyTorch within half a point of the engine's range [89.5%, 90.5%]: not the engine's gap.
    expect(gapToDocument(0.8868, [...engine, finished('pytorch', 1, 0.909)])?.verdict).toBe('not-engine');
    expect(gapToDocument(0.8868, [...engine, finished('pytorch', 1, 0.888)])?.verdict).toBe('engine-suspect');
    // Ranges, not means: one native seed near the engine's range is enough even when another is far.
    expect(gapToDocument(0.8868, [...engine, finished('pytorch', 1, 0.891), finished('pytorch', 2, 0.87)])?.verdict).toBe('not-engine');
    expect(gapToDocument(0.8868, [...engine, finished('pytorch', 1, 0.889), finished('pytorch', 2, 0.87)])?.verdict).toBe('engine-suspect');
    // A partial run is no figure to compare.
    expect(gapToDocument(0.8868, [{ ...engine[0]!, complete: false }])).toBeNull();
  });

  it.skipIf(!pythonWithTorch())('trains the recipe on the images the engine uses, and refuses a twin with other parameters', async () => {
    const options = { seed: 1, dataDir: DATA_DIR, epochs: 1, limit: { train: 2000, test: 500 }, threads: 1 };
    const result = await reproduceNatively(recipe('cnn-001'), options);
    expect(result.backend).toBe('pytorch');
    // Keras's validation_split=0.25 of 2,000: the last 500 validate.
    expect(result.images).toEqual({ train: 1500, validation: 500, test: 500 });
    expect(result.history).toHaveLength(1);
    expect(result.complete).toBe(false);
    // One epoch on 1,500 images: far above chance (10%) when images and labels line up.
    expect(result.testAccuracy).toBeGreaterThan(0.5);
    await expect(reproduceNatively({ ...recipe('cnn-001'), nativeModel: 'cnn-003' }, options)).rejects.toThrow(/333526 parameters/);
  }, 120_000);
});

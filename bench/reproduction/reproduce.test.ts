/**
 * `npm run reproduce` in small: two epochs of LeNet-5 on a subset, interrupted after the first
 * epoch and resumed, must give exactly what an uninterrupted run gives; the results must make a
 * valid row of docs/reproduction.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recipe } from './recipes.ts';
import { resultFileName, writeReport } from './report.ts';
import { reproduce, type ReproductionOptions } from './train.ts';

const DATA_DIR = join(import.meta.dirname, '..', '..', 'public', 'data');
const work = mkdtempSync(join(tmpdir(), 'reproduce-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const lenet = recipe('lenet5-002');
const options = (name: string): ReproductionOptions => ({
  seed: 3,
  backend: 'wasm',
  dataDir: DATA_DIR,
  checkpointDir: join(work, 'checkpoints', name),
  epochs: 2,
  limit: { train: 1024, test: 256 },
});

describe('reproduce', () => {
  it('resumes an interrupted run from its last epoch and ends where an uninterrupted run ends', async () => {
    const whole = await reproduce(lenet, options('whole'));
    expect(whole.history).toHaveLength(2);
    expect(whole.complete).toBe(false);
    expect(existsSync(join(work, 'checkpoints', 'whole'))).toBe(false);

    const interrupted = reproduce(lenet, {
      ...options('interrupted'),
      onEpoch: () => {
        throw new Error('interrupted');
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted');
    const state = JSON.parse(readFileSync(join(work, 'checkpoints', 'interrupted', 'state.json'), 'utf8')) as { history: unknown[] };
    expect(state.history).toHaveLength(1);

    const resumed: boolean[] = [];
    const finished = await reproduce(lenet, { ...options('interrupted'), onEpoch: (_r, _planned, wasResumed) => resumed.push(wasResumed) });
    expect(resumed).toEqual([false]); // only epoch 2 ran
    const strip = (h: typeof whole.history) => h.map(({ seconds: _s, loadAverage: _l, ...rest }) => rest);
    expect(strip(finished.history)).toEqual(strip(whole.history));
    expect(finished.testAccuracy).toBe(whole.testAccuracy);
    expect(whole.history[1]!.loss).toBeLessThan(whole.history[0]!.loss);

    writeFileSync(join(work, resultFileName(whole)), JSON.stringify(whole));
    const page = join(work, 'docs', 'reproduction.md');
    writeReport(work, page);
    const text = readFileSync(page, 'utf8');
    expect(text).toMatch(/\| lenet5-002 \| 002, 8\.4 [^|]+\| 99\.04% \| \d+\.\d\d% after 2 epoch\(s\) \| 2 \/ 30 \| projected [^|]+\| wasm \| \*\*not yet run in full\*\* \| — \|/);
    expect(readFileSync(join(work, 'docs', 'reproduction', 'lenet5-002.svg'), 'utf8')).toContain('<polyline');
  }, 120_000);
});

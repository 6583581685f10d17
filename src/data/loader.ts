/**
 * Loads a prepared dataset (public/data/<name>/) in the browser, a worker or Node: manifest and
 * the split's files are fetched with progress, verified against their SHA-256, kept in Cache
 * Storage so a second run downloads nothing, and returned as NHWC float tensors in [0, 1].
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededPermutation } from './random.ts';

export interface DataFileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

export interface DatasetManifest {
  name: string;
  title: { ko: string; en: string };
  imageShape: [number, number, number];
  classes: { en: string; ko: string }[];
  files: Record<'train' | 'test', { count: number; images: DataFileInfo; labels: DataFileInfo }>;
}

export interface LoadProgress {
  loaded: number;
  total: number;
  phase: 'manifest' | 'images' | 'labels';
}

/** Where verified files are kept between runs; keyed by URL and checksum. */
export interface DatasetCache {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, data: Uint8Array): Promise<void>;
}

export interface LoadOptions {
  split: 'train' | 'test';
  /** Keep only the first n images (after shuffling, when a seed is given). */
  subset?: number;
  /** Shuffle with this seed (mulberry32); the same seed gives the same order everywhere. */
  shuffleSeed?: number;
  /** Folder that holds the dataset folders, e.g. `/data/` or `/sub-path/data/`. */
  baseUrl?: string;
  onProgress?: (progress: LoadProgress) => void;
  fetch?: typeof fetch;
  /** Defaults to Cache Storage where it exists; `null` disables caching. */
  cache?: DatasetCache | null;
  signal?: AbortSignal;
}

export class DatasetError extends Error {
  constructor(
    message: string,
    readonly code: 'http' | 'checksum' | 'format' | 'network',
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

const CACHE_NAME = 'cnn-course-data-v1';

/** Cache Storage, available in windows and workers on secure origins (127.0.0.1 counts). */
export function cacheStorageCache(): DatasetCache | null {
  if (typeof caches === 'undefined') return null;
  return {
    async get(key) {
      const response = await (await caches.open(CACHE_NAME)).match(key);
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async put(key, data) {
      await (await caches.open(CACHE_NAME)).put(key, new Response(data as Uint8Array<ArrayBuffer>));
    },
  };
}

async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchBytes(url: string, options: LoadOptions, phase: LoadProgress['phase'], expectedBytes: number, name: string): Promise<Uint8Array> {
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    throw new DatasetError(`데이터셋 '${name}'을(를) 내려받지 못했습니다: ${(error as Error).message}`, 'network');
  }
  if (!response.ok) throw new DatasetError(`데이터셋 '${name}'을(를) 불러오지 못했습니다 (HTTP ${response.status}: ${url}). 'npm run data'로 데이터를 준비했는지 확인하세요.`, 'http');
  const total = expectedBytes || Number(response.headers.get('content-length')) || 0;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const out = new Uint8Array(Math.max(total, 0));
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength <= out.byteLength) out.set(value, loaded);
    else chunks.push(value);
    loaded += value.byteLength;
    options.onProgress?.({ loaded, total: Math.max(total, loaded), phase });
  }
  if (chunks.length === 0 && loaded === out.byteLength) return out;
  // The server sent more or less than the manifest says; the checksum will tell which.
  const all = new Uint8Array(loaded);
  all.set(out.subarray(0, Math.min(loaded, out.byteLength)));
  let offset = out.byteLength;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

async function loadVerified(url: string, info: DataFileInfo, options: LoadOptions, phase: LoadProgress['phase'], name: string): Promise<Uint8Array> {
  const cache = options.cache === undefined ? cacheStorageCache() : options.cache;
  const key = `${url}#${info.sha256}`;
  const cached = await cache?.get(key);
  if (cached && cached.byteLength === info.bytes) {
    options.onProgress?.({ loaded: info.bytes, total: info.bytes, phase });
    return cached;
  }
  const data = await fetchBytes(url, options, phase, info.bytes, name);
  if (data.byteLength !== info.bytes || (await sha256Hex(data)) !== info.sha256) {
    throw new DatasetError(`데이터 파일이 손상되었습니다: ${info.path}. 서버의 파일이 manifest와 다릅니다 ('npm run data'로 다시 만드세요).`, 'checksum');
  }
  await cache?.put(key, data).catch(() => {});
  return data;
}

export async function loadManifest(name: string, options: Pick<LoadOptions, 'baseUrl' | 'fetch' | 'signal' | 'onProgress'> = {}): Promise<DatasetManifest> {
  const base = options.baseUrl ?? '/data/';
  const url = `${base}${name}/manifest.json`;
  const bytes = await fetchBytes(url, options as LoadOptions, 'manifest', 0, name);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as DatasetManifest;
  } catch {
    throw new DatasetError(`데이터셋 '${name}'의 manifest.json을 읽을 수 없습니다.`, 'format');
  }
}

export interface DatasetBytes {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  manifest: DatasetManifest;
}

/** The split's raw uint8 images (NHWC) and labels, after shuffle and subset. */
export async function loadDatasetBytes(name: string, options: LoadOptions): Promise<DatasetBytes> {
  const base = options.baseUrl ?? '/data/';
  const manifest = await loadManifest(name, options);
  const split = manifest.files[options.split];
  const [images, labels] = await Promise.all([
    loadVerified(`${base}${name}/${split.images.path}`, split.images, options, 'images', name),
    loadVerified(`${base}${name}/${split.labels.path}`, split.labels, options, 'labels', name),
  ]);
  const size = manifest.imageShape.reduce((a, b) => a * b, 1);
  const count = Math.min(options.subset ?? split.count, split.count);
  if (options.shuffleSeed === undefined) {
    return { images: images.subarray(0, count * size), labels: labels.subarray(0, count), count, manifest };
  }
  const order = seededPermutation(split.count, options.shuffleSeed);
  const outImages = new Uint8Array(count * size);
  const outLabels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const from = order[i]!;
    outImages.set(images.subarray(from * size, (from + 1) * size), i * size);
    outLabels[i] = labels[from]!;
  }
  return { images: outImages, labels: outLabels, count, manifest };
}

export interface LoadedDataset {
  /** Float32 NHWC in [0, 1]. */
  xs: tf.Tensor4D;
  /** Int32 class labels. */
  ys: tf.Tensor1D;
  count: number;
  classes: DatasetManifest['classes'];
  imageShape: DatasetManifest['imageShape'];
}

export async function loadDataset(name: string, options: LoadOptions): Promise<LoadedDataset> {
  const { images, labels, count, manifest } = await loadDatasetBytes(name, options);
  const [h, w, c] = manifest.imageShape;
  const pixels = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) pixels[i] = images[i]! / 255;
  return {
    xs: tf.tensor4d(pixels, [count, h, w, c]),
    ys: tf.tensor1d(Int32Array.from(labels), 'int32'),
    count,
    classes: manifest.classes,
    imageShape: manifest.imageShape,
  };
}

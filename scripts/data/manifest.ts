/**
 * The on-disk format of a prepared dataset folder (public/data/<name>/): each split as gzip shards
 * (src/data/shards.ts) and a manifest.json with every shard's size and SHA-256. The browser loader
 * (src/data/loader.ts) trusts nothing but the manifest, so everything that writes a dataset goes
 * through `writeDataset`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { packShard, shardCounts, shardPath, unpackShard } from '../../src/data/shards.ts';

export const FORMAT_VERSION = 2;

/**
 * One gzip file of a split: `count` labels then `count` images, compressed. `bytes` is the file's
 * size; `sha256` is of the unpacked bytes, so a copy a server or browser decompressed on the way
 * (`Content-Encoding: gzip`) verifies as well as the file itself.
 */
export interface DataShard {
  path: string;
  count: number;
  bytes: number;
  sha256: string;
}

export interface SplitFiles {
  count: number;
  shards: DataShard[];
}

export interface ClassName {
  en: string;
  ko: string;
}

export interface DatasetManifest {
  name: string;
  formatVersion: typeof FORMAT_VERSION;
  title: { ko: string; en: string };
  source: { package: string; version: string; description: string };
  /** Height, width, channels of one image; files hold N × H × W × C uint8 values (NHWC, row-major). */
  imageShape: [number, number, number];
  dtype: 'uint8';
  classes: ClassName[];
  split: {
    description: string;
    seed?: number;
    /** Exact-duplicate figures of the source (Fashion-MNIST: see fashion-split.ts). */
    duplicates?: Record<string, number>;
    /** Entries of the source that held no image and were skipped. */
    droppedEntries?: number;
  };
  files: { train: SplitFiles; test: SplitFiles };
  /** Hash of the generator modules and source versions: when it changes, the files are rebuilt. */
  generator: string;
}

export interface LabelledImages {
  /** N × H × W × C uint8 pixels. */
  images: Uint8Array;
  /** N uint8 class indices. */
  labels: Uint8Array;
}

export const SPLITS = ['train', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    // Large reads: the default 64 KiB chunks make verifying ~110 MB noticeably slower.
    createReadStream(path, { highWaterMark: 4 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** The manifest in a dataset folder, or null when there is none or it is not one of ours. */
export function readManifest(datasetDir: string): DatasetManifest | null {
  const path = join(datasetDir, 'manifest.json');
  if (!existsSync(path)) return null;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as DatasetManifest;
    return manifest.formatVersion === FORMAT_VERSION && Array.isArray(manifest.files?.train?.shards) && Array.isArray(manifest.files?.test?.shards) ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * Why the files of a dataset folder cannot be trusted (a Korean sentence), or null when the
 * manifest is there, matches `expectedGenerator` (if given) and every file has its size and SHA-256.
 */
export async function verifyDataset(datasetDir: string, expectedGenerator?: string): Promise<string | null> {
  if (!existsSync(join(datasetDir, 'manifest.json'))) return 'manifest.json이 없습니다';
  const manifest = readManifest(datasetDir);
  if (!manifest) return 'manifest.json을 읽을 수 없거나 형식 버전이 다릅니다';
  if (expectedGenerator !== undefined && manifest.generator !== expectedGenerator) return '생성 스크립트나 원본 패키지 버전이 바뀌었습니다';
  const size = imageBytes(manifest.imageShape);
  for (const split of SPLITS) {
    const { count, shards } = manifest.files[split];
    if (shards.reduce((sum, shard) => sum + shard.count, 0) !== count) return `manifest.json의 ${split} 크기가 맞지 않습니다`;
    for (const file of shards) {
      const path = join(datasetDir, file.path);
      if (!existsSync(path)) return `${file.path}이(가) 없습니다`;
      if (statSync(path).size !== file.bytes) return `${file.path}의 크기가 다릅니다`;
      // A damaged gzip stream fails its own CRC check before ours.
      const raw = (() => {
        try {
          return gunzipSync(readFileSync(path));
        } catch {
          return undefined;
        }
      })();
      if (!raw || !unpackShard(raw, file.count, size) || sha256(raw) !== file.sha256) return `${file.path}의 체크섬이 다릅니다`;
    }
  }
  return null;
}

/**
 * Writes a dataset folder. Each file goes to a temporary name and is renamed into place, and the
 * manifest is written last: a run killed halfway leaves files that fail verification, never a
 * manifest that vouches for half-written data.
 */
export function writeDataset(datasetDir: string, manifest: Omit<DatasetManifest, 'files'>, data: Record<SplitName, LabelledImages>): DatasetManifest {
  mkdirSync(datasetDir, { recursive: true });
  const write = (name: string, bytes: Uint8Array): { path: string; bytes: number; sha256: string } => {
    const tmp = join(datasetDir, `.${name}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, join(datasetDir, name));
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
    return { path: name, bytes: bytes.byteLength, sha256: sha256(bytes) };
  };
  const size = imageBytes(manifest.imageShape);
  const entry = (split: SplitName): SplitFiles => {
    const { images, labels } = data[split];
    if (images.byteLength !== labels.byteLength * size) {
      throw new Error(`${manifest.name} ${split}: 레이블 ${labels.byteLength}개에 픽셀 ${images.byteLength}바이트는 맞지 않습니다 (pixel/label count mismatch).`);
    }
    const badLabel = labels.findIndex((label) => label >= manifest.classes.length);
    if (badLabel >= 0) throw new Error(`${manifest.name} ${split}: ${badLabel}번째 레이블 ${labels[badLabel]}이(가) 클래스 범위를 벗어납니다.`);
    let start = 0;
    const shards = shardCounts(labels.byteLength).map((count, index) => {
      const raw = packShard(labels.subarray(start, start + count), images.subarray(start * size, (start + count) * size));
      start += count;
      // zlib's default level: level 9 takes ten times as long for under 1% fewer bytes here.
      const file = write(shardPath(split, index), gzipSync(raw));
      return { path: file.path, count, bytes: file.bytes, sha256: sha256(raw) };
    });
    return { count: labels.byteLength, shards };
  };
  const full: DatasetManifest = { ...manifest, files: { train: entry('train'), test: entry('test') } };
  write('manifest.json', new TextEncoder().encode(`${JSON.stringify(full, null, 2)}\n`));
  // Data files the manifest does not name (an older format's, a shard count that changed) would
  // only make the site folder bigger: nothing reads them.
  const named = new Set([...full.files.train.shards, ...full.files.test.shards].map((shard) => shard.path));
  for (const file of readdirSync(datasetDir)) {
    if (/^(?:train|test)-[\w.-]*\.u8(?:\.gz)?$/.test(file) && !named.has(file)) rmSync(join(datasetDir, file), { force: true });
  }
  return full;
}

function imageBytes([h, w, c]: readonly [number, number, number]): number {
  return h * w * c;
}

/** A prepared split read back whole from disk (tests and build-time figures; the site uses src/data/loader.ts). */
export function readSplit(datasetDir: string, split: SplitName, manifest = readManifest(datasetDir)): LabelledImages {
  if (!manifest) throw new Error(`${datasetDir}: manifest.json이 없거나 형식 버전이 다릅니다. 'npm run data'를 실행하세요.`);
  const size = imageBytes(manifest.imageShape);
  const parts = manifest.files[split].shards.map((shard) => {
    const unpacked = unpackShard(gunzipSync(readFileSync(join(datasetDir, shard.path))), shard.count, size);
    if (!unpacked) throw new Error(`${join(datasetDir, shard.path)}: 압축을 푼 크기가 이미지 ${shard.count}장과 맞지 않습니다.`);
    return unpacked;
  });
  return { images: concatBytes(parts.map((p) => p.images)), labels: concatBytes(parts.map((p) => p.labels)) };
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

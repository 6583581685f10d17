/**
 * The on-disk format of a prepared dataset folder (public/data/<name>/): four uint8 files and a
 * manifest.json with their sizes and SHA-256. The browser loader (src/data/loader.ts) trusts
 * nothing but the manifest, so everything that writes a dataset goes through `writeDataset`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FORMAT_VERSION = 1;

export interface DataFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface SplitFiles {
  count: number;
  images: DataFile;
  labels: DataFile;
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
    return manifest.formatVersion === FORMAT_VERSION && typeof manifest.files?.train?.images?.sha256 === 'string' ? manifest : null;
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
  const [h, w, c] = manifest.imageShape;
  for (const split of SPLITS) {
    const { count, images, labels } = manifest.files[split];
    if (images.bytes !== count * h * w * c || labels.bytes !== count) return `manifest.json의 ${split} 크기가 맞지 않습니다`;
    for (const file of [images, labels]) {
      const path = join(datasetDir, file.path);
      if (!existsSync(path)) return `${file.path}이(가) 없습니다`;
      if (statSync(path).size !== file.bytes) return `${file.path}의 크기가 다릅니다`;
      if ((await sha256File(path)) !== file.sha256) return `${file.path}의 체크섬이 다릅니다`;
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
  const write = (name: string, bytes: Uint8Array): DataFile => {
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
  const [h, w, c] = manifest.imageShape;
  const entry = (split: SplitName): SplitFiles => {
    const { images, labels } = data[split];
    if (images.byteLength !== labels.byteLength * h * w * c) {
      throw new Error(`${manifest.name} ${split}: 레이블 ${labels.byteLength}개에 픽셀 ${images.byteLength}바이트는 맞지 않습니다 (pixel/label count mismatch).`);
    }
    const badLabel = labels.findIndex((label) => label >= manifest.classes.length);
    if (badLabel >= 0) throw new Error(`${manifest.name} ${split}: ${badLabel}번째 레이블 ${labels[badLabel]}이(가) 클래스 범위를 벗어납니다.`);
    return { count: labels.byteLength, images: write(`${split}-images.u8`, images), labels: write(`${split}-labels.u8`, labels) };
  };
  const full: DatasetManifest = { ...manifest, files: { train: entry('train'), test: entry('test') } };
  write('manifest.json', new TextEncoder().encode(`${JSON.stringify(full, null, 2)}\n`));
  return full;
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

/** The manifest that describes a prepared dataset folder (public/data/<name>/manifest.json). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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

export interface DatasetManifest {
  name: string;
  formatVersion: 1;
  title: { ko: string; en: string };
  source: { package: string; version: string; description: string };
  /** Height, width, channels of one image; files hold N × H × W × C uint8 values (NHWC). */
  imageShape: [number, number, number];
  dtype: 'uint8';
  classes: { en: string; ko: string }[];
  split: { description: string; seed?: number; duplicates?: Record<string, number> };
  files: { train: SplitFiles; test: SplitFiles };
  /** Hash of the generator and its sources: a change means the files must be rebuilt. */
  generator: string;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

export function describeFile(path: string, data: Uint8Array): DataFile {
  return { path, bytes: data.byteLength, sha256: sha256(data) };
}

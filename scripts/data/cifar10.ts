/**
 * Opt-in importer for CIFAR-10 from the official binary archive a user downloaded themselves
 * (cifar-10-binary.tar.gz; nothing is downloaded here). Each record of a batch file is 1 label
 * byte then 3,072 bytes: the 32×32 red plane, then green, then blue, each row-major. We store
 * NHWC (pixel-interleaved RGB) like the other datasets, so the loader needs no special case.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { concatBytes, FORMAT_VERSION, sha256File, writeDataset, type ClassName, type DatasetManifest, type LabelledImages } from './manifest.ts';

export const CIFAR_NAME = 'cifar10';
const PLANE = 32 * 32;
export const CIFAR_RECORD = 1 + 3 * PLANE;
export const CIFAR_TRAIN_BATCHES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR_TEST_BATCH = 'test_batch.bin';
const META = 'batches.meta.txt';

export const CIFAR_CLASSES: ClassName[] = [
  { en: 'airplane', ko: '비행기' },
  { en: 'automobile', ko: '자동차' },
  { en: 'bird', ko: '새' },
  { en: 'cat', ko: '고양이' },
  { en: 'deer', ko: '사슴' },
  { en: 'dog', ko: '개' },
  { en: 'frog', ko: '개구리' },
  { en: 'horse', ko: '말' },
  { en: 'ship', ko: '배' },
  { en: 'truck', ko: '트럭' },
];

export function decodeCifarBatch(buffer: Uint8Array, name: string): LabelledImages {
  if (buffer.byteLength === 0 || buffer.byteLength % CIFAR_RECORD !== 0) {
    throw new Error(
      `${name}: 크기 ${buffer.byteLength}바이트가 레코드 크기 ${CIFAR_RECORD}의 배수가 아닙니다. 공식 'CIFAR-10 binary version' 파일인지 확인하세요. ` +
        `(file size is not a multiple of ${CIFAR_RECORD})`,
    );
  }
  const n = buffer.byteLength / CIFAR_RECORD;
  const images = new Uint8Array(n * 3 * PLANE);
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const record = r * CIFAR_RECORD;
    const label = buffer[record]!;
    if (label > 9) throw new Error(`${name}: ${r}번째 레코드의 레이블 ${label}이(가) 0~9 범위를 벗어납니다.`);
    labels[r] = label;
    const out = r * 3 * PLANE;
    for (let p = 0; p < PLANE; p++) {
      images[out + p * 3] = buffer[record + 1 + p]!;
      images[out + p * 3 + 1] = buffer[record + 1 + PLANE + p]!;
      images[out + p * 3 + 2] = buffer[record + 1 + 2 * PLANE + p]!;
    }
  }
  return { images, labels };
}

/** The archive's batch files and class list, keyed by base name (`data_batch_1.bin`, …). */
export async function readCifarArchive(path: string): Promise<Map<string, Uint8Array>> {
  const wanted = new Set([...CIFAR_TRAIN_BATCHES, CIFAR_TEST_BATCH, META]);
  const files = new Map<string, Uint8Array>();
  const tar = extract();
  const piping = pipeline(createReadStream(path), createGunzip(), tar);
  // Its rejection is awaited below; this only keeps it from being reported as unhandled first.
  piping.catch(() => {});
  try {
    for await (const entry of tar) {
      const base = entry.header.name.split('/').pop() ?? '';
      if ((entry.header.type ?? 'file') === 'file' && wanted.has(base)) {
        if (files.has(base)) throw new Error(`아카이브에 ${base}이(가) 두 번 들어 있습니다.`);
        const chunks: Uint8Array[] = [];
        for await (const chunk of entry) chunks.push(chunk as Uint8Array);
        files.set(base, concatBytes(chunks));
      } else {
        entry.resume();
      }
    }
    await piping;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /header check|unexpected end|invalid|gzip|zlib/i.test(message) ? ' gzip으로 압축된 tar 아카이브(cifar-10-binary.tar.gz)가 아닌 것 같습니다.' : '';
    throw new Error(`${path}: CIFAR-10 아카이브를 읽을 수 없습니다.${hint} (${message})`);
  }
  return files;
}

/** Decodes the official split: data_batch_1..5 in order as train, test_batch as test. */
export async function readCifar10(path: string): Promise<{ train: LabelledImages; test: LabelledImages }> {
  const files = await readCifarArchive(path);
  const missing = [...CIFAR_TRAIN_BATCHES, CIFAR_TEST_BATCH].filter((name) => !files.has(name));
  if (missing.length > 0) {
    throw new Error(`${path}: 아카이브에 ${missing.join(', ')}이(가) 없습니다. 공식 'CIFAR-10 binary version'(cifar-10-binary.tar.gz)인지 확인하세요.`);
  }
  const meta = files.get(META);
  if (meta) {
    const names = new TextDecoder().decode(meta).split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    if (names.join(',') !== CIFAR_CLASSES.map((c) => c.en).join(',')) {
      throw new Error(`${path}: ${META}의 클래스 목록(${names.join(', ')})이 CIFAR-10과 다릅니다.`);
    }
  }
  const batches = CIFAR_TRAIN_BATCHES.map((name) => decodeCifarBatch(files.get(name)!, name));
  return {
    train: { images: concatBytes(batches.map((b) => b.images)), labels: concatBytes(batches.map((b) => b.labels)) },
    test: decodeCifarBatch(files.get(CIFAR_TEST_BATCH)!, CIFAR_TEST_BATCH),
  };
}

/** Imports the archive into `<outDir>/cifar10/` in the common format and returns its manifest. */
export async function importCifar10(archivePath: string, outDir: string): Promise<DatasetManifest> {
  const { train, test } = await readCifar10(archivePath);
  const archiveSha = await sha256File(archivePath);
  return writeDataset(
    join(outDir, CIFAR_NAME),
    {
      name: CIFAR_NAME,
      formatVersion: FORMAT_VERSION,
      title: { ko: 'CIFAR-10', en: 'CIFAR-10' },
      source: {
        package: 'cifar-10-binary.tar.gz',
        version: `user-provided, sha256 ${archiveSha}`,
        description: 'The official CIFAR-10 binary archive (https://www.cs.toronto.edu/~kriz/cifar.html), downloaded by the user and imported with `npm run data -- --cifar10 <archive>`.',
      },
      imageShape: [32, 32, 3],
      dtype: 'uint8',
      classes: CIFAR_CLASSES,
      split: { description: 'The official split: data_batch_1..5 in order as train, test_batch as test. Records are converted from planar RGB to NHWC.' },
      generator: `cifar10-import-v1:${archiveSha.slice(0, 16)}`,
    },
    { train, test },
  );
}

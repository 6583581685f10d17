/**
 * Opt-in importer for CIFAR-10 from the official binary archive a user downloaded themselves
 * (cifar-10-binary.tar.gz). Each record is 1 label byte then 3,072 bytes: the 32×32 red plane,
 * then green, then blue. We store NHWC (pixel-interleaved RGB) like the other datasets.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import type { LabelledImages } from './fashion-split.ts';

export const CIFAR_RECORD = 1 + 3 * 32 * 32;
export const CIFAR_CLASSES = [
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
    throw new Error(`${name}: 크기 ${buffer.byteLength}바이트가 레코드 크기 ${CIFAR_RECORD}의 배수가 아닙니다. 공식 'CIFAR-10 binary version' 파일인지 확인하세요.`);
  }
  const n = buffer.byteLength / CIFAR_RECORD;
  const images = new Uint8Array(n * 3072);
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const record = buffer.subarray(r * CIFAR_RECORD, (r + 1) * CIFAR_RECORD);
    const label = record[0]!;
    if (label > 9) throw new Error(`${name}: ${r}번째 레코드의 레이블 ${label}이 0~9 범위를 벗어납니다.`);
    labels[r] = label;
    for (let p = 0; p < 1024; p++) {
      images[r * 3072 + p * 3] = record[1 + p]!;
      images[r * 3072 + p * 3 + 1] = record[1 + 1024 + p]!;
      images[r * 3072 + p * 3 + 2] = record[1 + 2048 + p]!;
    }
  }
  return { images, labels };
}

/** Reads the archive's batch files into memory, keyed by base name (`data_batch_1.bin`, …). */
export async function readCifarArchive(path: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const tar = extract();
  tar.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      const base = header.name.split('/').pop() ?? header.name;
      if (header.type === 'file' && base.endsWith('.bin')) files.set(base, new Uint8Array(Buffer.concat(chunks)));
      next();
    });
    stream.resume();
  });
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(path);
    input.on('error', reject);
    input.pipe(createGunzip()).on('error', (e) => reject(new Error(`${path}: gzip 압축을 풀 수 없습니다 (${e.message}).`))).pipe(tar);
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  return files;
}

export async function importCifar10(path: string): Promise<{ train: LabelledImages; test: LabelledImages }> {
  const files = await readCifarArchive(path);
  const trainNames = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
  const missing = [...trainNames, 'test_batch.bin'].filter((n) => !files.has(n));
  if (missing.length > 0) throw new Error(`${path}: 아카이브에 ${missing.join(', ')}이(가) 없습니다. 공식 cifar-10-binary.tar.gz인지 확인하세요.`);
  const batches = trainNames.map((n) => decodeCifarBatch(files.get(n)!, n));
  const concat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.byteLength;
    }
    return out;
  };
  return {
    train: { images: concat(batches.map((b) => b.images)), labels: concat(batches.map((b) => b.labels)) },
    test: decodeCifarBatch(files.get('test_batch.bin')!, 'test_batch.bin'),
  };
}

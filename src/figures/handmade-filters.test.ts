import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { convolveSame, documentFilters, FILTER_SIZE, rgbFromRgba, type Image } from './handmade-filters.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("document 004's hand-made filters", () => {
  it('are a cross and a centre point, in every channel, shaped (7, 7, channels, 2)', () => {
    const filters = tf.tensor4d(documentFilters(3), [7, 7, 3, 2]);
    const [cross, point] = tf.unstack(filters, 3).map((t) => t.arraySync() as number[][][]);
    // 13 ones per channel in the cross (row 3 and column 3 share the middle), 1 in the point.
    expect(cross!.flat(2).filter((v) => v === 1).length).toBe(13 * 3);
    expect(point!.flat(2).filter((v) => v === 1).length).toBe(3);
    expect(cross![0]![3]).toEqual([1, 1, 1]);
    expect(cross![3]![0]).toEqual([1, 1, 1]);
    expect(cross![0]![0]).toEqual([0, 0, 0]);
    expect(point![3]![3]).toEqual([1, 1, 1]);
    filters.dispose();
  });

  it("apply as tf.conv2d(…, 1, 'same') does, on a non-square three-channel image", () => {
    let state = 7;
    const image: Image = {
      width: 11,
      height: 9,
      channels: 3,
      data: Float32Array.from({ length: 11 * 9 * 3 }, () => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state / 2_147_483_648;
      }),
    };
    const filters = documentFilters(3);
    const ours = convolveSame(image, filters, FILTER_SIZE, 2);
    const theirs = tf.tidy(() => tf.conv2d(tf.tensor4d(image.data, [1, 9, 11, 3]), tf.tensor4d(filters, [7, 7, 3, 2]), 1, 'same').dataSync());
    ours.forEach((map, f) => map.forEach((v, i) => expect(v).toBeCloseTo(theirs[i * 2 + f]!, 4)));
  });

  it('read RGBA pixels as the document does (/ 255, alpha dropped)', () => {
    expect(Array.from(rgbFromRgba([255, 51, 0, 255], 1, 1).data).map((v) => Number(v.toFixed(2)))).toEqual([1, 0.2, 0]);
  });
});

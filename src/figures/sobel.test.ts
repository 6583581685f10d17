import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { correlate3x3, fromBytes, meanAbs, SOBEL_X, SOBEL_Y, sobel, toGray, toRgba, type GrayImage } from './sobel.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** tf.conv2d(…, 1, 'same'), the exercise's and the grader's way, on one image. */
function tfCorrelate(image: GrayImage, kernel: readonly (readonly number[])[]): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(image.data, [1, image.height, image.width, 1]);
    const k = tf.tensor4d(kernel.flat(), [3, 3, 1, 1]);
    return tf.conv2d(x, k, 1, 'same').dataSync() as Float32Array;
  });
}

function seeded(width: number, height: number, seed: number): GrayImage {
  let state = seed;
  const data = Float32Array.from({ length: width * height }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  });
  return { width, height, data };
}

describe('Sobel filters for the figure', () => {
  it('correlate the way tf.conv2d does with same padding, on a non-square image', () => {
    const image = seeded(13, 9, 4);
    for (const kernel of [SOBEL_X, SOBEL_Y, [[1, 2, 3], [0, -1, 0], [4, 0, -2]]]) {
      const ours = correlate3x3(image, kernel);
      const theirs = tfCorrelate(image, kernel);
      ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 5));
    }
  });

  it('answer a vertical edge with gx and a horizontal one with gy', () => {
    const vertical = fromBytes(Array.from({ length: 36 }, (_, i) => (i % 6 >= 3 ? 255 : 0)), 6, 6);
    const v = sobel(vertical);
    // Inside the image (away from the zero padding): gx = 4 at the edge, gy = 0 everywhere.
    expect(v.gx[2 * 6 + 2]).toBeCloseTo(4, 5);
    expect(v.gx[2 * 6 + 3]).toBeCloseTo(4, 5);
    expect(v.gx[2 * 6 + 1]).toBeCloseTo(0, 5);
    for (let x = 0; x < 6; x++) expect(v.gy[2 * 6 + x]).toBeCloseTo(0, 5);
    const horizontal = fromBytes(Array.from({ length: 36 }, (_, i) => (i >= 18 ? 255 : 0)), 6, 6);
    const h = sobel(horizontal);
    expect(h.gy[2 * 6 + 2]).toBeCloseTo(4, 5);
    expect(meanAbs(h.gy)).toBeGreaterThan(meanAbs(h.gx));
    expect(h.magnitude[2 * 6 + 2]).toBeCloseTo(Math.hypot(h.gx[14]!, h.gy[14]!), 5);
  });

  it('make gray from RGBA by luma, and draw signed maps around mid-gray', () => {
    const gray = toGray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255], 3, 1);
    expect(Array.from(gray.data).map((v) => Number(v.toFixed(3)))).toEqual([0.299, 0.587, 0.114]);
    const pixels = toRgba(Float32Array.of(-2, 0, 1), true);
    expect([pixels[0], pixels[4], pixels[8]]).toEqual([0, 128, 191]);
    expect(Array.from(toRgba(Float32Array.of(0, 3), false).filter((_, i) => i % 4 === 0))).toEqual([0, 255]);
  });
});

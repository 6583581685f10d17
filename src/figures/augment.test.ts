import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  batchIterator,
  describeTransform,
  drawTrials,
  inverseMatrix,
  LISTING_8_5,
  mulberry32,
  randomTransform,
  rgbImagesToRgba,
  type RgbaImage,
} from './augment.ts';

/** A 5×7 gray test image (value (7·(row·7 + col)) mod 256) as RGBA. */
const H = 5;
const W = 7;
function testImage(): RgbaImage {
  const data = new Uint8ClampedArray(H * W * 4);
  for (let p = 0; p < H * W; p++) {
    data.fill((p * 7) % 256, p * 4, p * 4 + 3);
    data[p * 4 + 3] = 255;
  }
  return { width: W, height: H, data };
}
const gray = (image: RgbaImage) => Array.from({ length: image.width * image.height }, (_, p) => image.data[p * 4]!);

/**
 * scipy.ndimage.affine_transform(x, M[:2, :2], M[:2, 2], order=1, mode='nearest') on the test image,
 * with M = offset_center · rotation(θ) · shift(tx, ty) · reset_center built as Keras builds it and
 * centred at ((h − 1)/2, (w − 1)/2) (numpy 2.4, scipy 1.17). Float outputs, row-major.
 */
const SCIPY_REFERENCE = [
  { theta: 0, tx: 0, ty: 0, output: [0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175, 182, 189, 196, 203, 210, 217, 224, 231, 238] },
  { theta: 15, tx: 0, ty: 0, output: [41.3857, 32.5571, 26.6365, 20.7158, 24.138, 30.8995, 37.661, 88.716, 81.6992, 75.7786, 69.8579, 63.9372, 58.0166, 52.0959, 136.762, 130.841, 124.921, 119, 113.079, 107.159, 101.238, 185.904, 179.983, 174.063, 168.142, 162.221, 156.301, 149.284, 200.339, 207.101, 213.862, 217.284, 211.363, 205.443, 196.614] },
  { theta: 0, tx: 1.3, ty: -2.2, output: [63.7, 63.7, 63.7, 69.3, 76.3, 83.3, 90.3, 112.7, 112.7, 112.7, 118.3, 125.3, 132.3, 139.3, 161.7, 161.7, 161.7, 167.3, 174.3, 181.3, 188.3, 196, 196, 196, 201.6, 208.6, 215.6, 222.6, 196, 196, 196, 201.6, 208.6, 215.6, 222.6] },
  { theta: -17, tx: 0.6, ty: 1.9, output: [33.1404, 54.1607, 75.181, 96.2014, 115.944, 130.27, 144.596, 77.9527, 98.973, 119.993, 141.014, 162.034, 177.129, 191.455, 122.765, 143.785, 164.806, 185.826, 206.846, 223.988, 238, 167.577, 188.598, 209.618, 226.444, 233.138, 238, 238, 204.315, 211.009, 217.704, 224.398, 231.092, 237.786, 238] },
  { theta: 90, tx: 0, ty: 0, output: [203, 203, 154, 105, 56, 7, 7, 210, 210, 161, 112, 63, 14, 14, 217, 217, 168, 119, 70, 21, 21, 224, 224, 175, 126, 77, 28, 28, 231, 231, 182, 133, 84, 35, 35] },
];

describe('applyTransform', () => {
  it.each(SCIPY_REFERENCE)('matches scipy for θ=$theta, tx=$tx, ty=$ty (bilinear, fill nearest)', ({ theta, tx, ty, output }) => {
    const ours = gray(applyTransform(testImage(), { theta, tx, ty, flipHorizontal: false }));
    // Ours rounds to bytes; scipy keeps floats.
    ours.forEach((v, i) => expect(Math.abs(v - output[i]!), `pixel ${i}: ours ${v}, scipy ${output[i]}`).toBeLessThanOrEqual(0.5 + 1e-9));
  });

  it('fills what comes in from outside with the nearest edge pixel', () => {
    // A whole-pixel shift: every output reads an input pixel exactly, clamped to the image.
    const out = gray(applyTransform(testImage(), { theta: 0, tx: -2, ty: 3, flipHorizontal: false }));
    const input = gray(testImage());
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < W; col++) {
        const r = Math.min(Math.max(row - 2, 0), H - 1);
        const c = Math.min(Math.max(col + 3, 0), W - 1);
        expect(out[row * W + col]).toBe(input[r * W + c]);
      }
    }
  });

  it('flips after the affine transform', () => {
    const params = { theta: 11, tx: 0.7, ty: -1.4, flipHorizontal: false };
    const plain = gray(applyTransform(testImage(), params));
    const flipped = gray(applyTransform(testImage(), { ...params, flipHorizontal: true }));
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < W; col++) expect(flipped[row * W + col]).toBe(plain[row * W + (W - 1 - col)]);
    }
  });

  it('nearest interpolation reads one pixel', () => {
    const out = gray(applyTransform(testImage(), { theta: 0, tx: 0.4, ty: 0.6, flipHorizontal: false }, 'nearest'));
    const input = gray(testImage());
    expect(out[0]).toBe(input[1]);
  });

  it('keeps the alpha channel', () => {
    const out = applyTransform(testImage(), { theta: 13, tx: 1, ty: 1, flipHorizontal: true });
    for (let p = 0; p < H * W; p++) expect(out.data[p * 4 + 3]).toBe(255);
  });
});

describe('inverseMatrix', () => {
  it('is the identity for no transform and turns about the middle', () => {
    expect(inverseMatrix({ theta: 0, tx: 0, ty: 0 }, 32, 32)).toEqual([1, -0, 0, 0, 1, 0]);
    const [a, b, e, c, d, f] = inverseMatrix({ theta: 37, tx: 0, ty: 0 }, 32, 32);
    expect(a * 15.5 + b * 15.5 + e).toBeCloseTo(15.5);
    expect(c * 15.5 + d * 15.5 + f).toBeCloseTo(15.5);
  });
});

describe('randomTransform', () => {
  it('draws within listing 8-5\'s ranges, and flips about half the time', () => {
    const random = mulberry32(1);
    let flips = 0;
    const thetas: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const p = randomTransform(LISTING_8_5, 427, 640, random);
      expect(Math.abs(p.theta)).toBeLessThanOrEqual(20);
      expect(Math.abs(p.tx)).toBeLessThanOrEqual(0.2 * 427);
      expect(Math.abs(p.ty)).toBeLessThanOrEqual(0.2 * 640);
      thetas.push(p.theta);
      if (p.flipHorizontal) flips++;
    }
    expect(flips / 2000).toBeGreaterThan(0.45);
    expect(flips / 2000).toBeLessThan(0.55);
    expect(Math.min(...thetas)).toBeLessThan(-19);
    expect(Math.max(...thetas)).toBeGreaterThan(19);
  });

  it('never flips when horizontal_flip is off', () => {
    const random = mulberry32(2);
    for (let i = 0; i < 100; i++) expect(randomTransform({ ...LISTING_8_5, horizontalFlip: false }, 32, 32, random).flipHorizontal).toBe(false);
  });
});

describe('batchIterator (flow with shuffle=True)', () => {
  it('cuts each epoch\'s permutation into batches, the last one shorter, then reshuffles', () => {
    const batches = batchIterator(15, 4, mulberry32(3));
    const epoch = [batches.next(), batches.next(), batches.next(), batches.next()];
    expect(epoch.map((b) => b.length)).toEqual([4, 4, 4, 3]);
    expect(epoch.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(batches.next()).toHaveLength(4);
  });

  it('with a pool of 4 and batches of 4, every batch is the whole pool in a new order', () => {
    const batches = batchIterator(4, 4, mulberry32(4));
    const orders = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const batch = batches.next();
      expect([...batch].sort()).toEqual([0, 1, 2, 3]);
      orders.add(batch.join());
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('drawTrials', () => {
  it('draws three batches of four, the same for the same seed and different for another', () => {
    const pool = [testImage(), testImage(), testImage(), testImage()];
    const first = drawTrials(pool, { seed: 805 });
    expect(first).toHaveLength(3);
    for (const trial of first) expect(trial).toHaveLength(4);
    const again = drawTrials(pool, { seed: 805 });
    expect(again.map((t) => t.map((a) => a.params))).toEqual(first.map((t) => t.map((a) => a.params)));
    const other = drawTrials(pool, { seed: 806 });
    expect(other.map((t) => t.map((a) => a.params))).not.toEqual(first.map((t) => t.map((a) => a.params)));
  });
});

describe('rgbImagesToRgba', () => {
  it('reads NHWC RGB bytes into opaque RGBA images', () => {
    const bytes = Uint8Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i);
    const [first, second] = rgbImagesToRgba(bytes, 2, 2, 2);
    expect(Array.from(first!.data.slice(0, 8))).toEqual([0, 1, 2, 255, 3, 4, 5, 255]);
    expect(Array.from(second!.data.slice(0, 4))).toEqual([12, 13, 14, 255]);
    expect(() => rgbImagesToRgba(bytes, 3, 2, 2)).toThrow();
  });
});

describe('describeTransform', () => {
  it('says how the picture moved on screen', () => {
    expect(describeTransform({ theta: 12.4, tx: 3.2, ty: -5.1, flipHorizontal: true })).toBe('회전 ↻12° · 이동 →5 ↑3 · 좌우 반전');
    expect(describeTransform({ theta: -3.6, tx: -1, ty: 2, flipHorizontal: false })).toBe('회전 ↺4° · 이동 ←2 ↓1');
  });
});

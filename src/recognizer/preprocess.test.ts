import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DRAWINGS, strokesOf } from '../../content/exercises/postcode-preprocess/drawings.ts';
import { mulberry32 } from '../data/random.ts';
import { blankCanvas, rasterize, toRows } from './canvas.ts';
import { cropBox, cropWindow, fromRows, grabNumerals, resizeCubic, toModelInput } from './preprocess.ts';

const sha256 = (data: Uint8Array | Uint8ClampedArray) => createHash('sha256').update(data).digest('hex');

/**
 * SHA-256 of what cv2 4.14 (opencv-python-headless) computes for the same inputs:
 * `np.array([255 - cv2.resize(img[51:149, 11+i*100:9+(i+1)*100], (28, 28), interpolation=cv2.INTER_CUBIC) for i in range(5)]).tobytes()`
 * for the two recorded drawings (img drawn by cv2.rectangle and cv2.circle at the same points: the
 * same channel 0, pixel for pixel), and `cv2.resize(noise, (28, 28), interpolation=cv2.INTER_CUBIC)`
 * for 98 × 98 pixels of mulberry32(2026) noise.
 */
const CV2 = {
  drawings: ['a5e53a5230902a1bf386f7cf391848b752f5965a07a79f3c118f72f41cb97fdc', 'fb32c4ea9582b57699dc5e5e122c35f7f786ea4860f0fe198b4dc4e7094859e8'],
  noise: '000bebb65ec9565c06e41ade8f20e4a91463b5b9f5d671fd260810abd9300dfa',
  noiseFirstRow: [33, 228, 188, 218, 56, 93],
};

describe("grab_numerals() (listing 8-4)", () => {
  it('crops img[51:149, 11+i*100 : 9+(i+1)*100]: 98 × 98, inside the outline', () => {
    expect(cropWindow(0)).toEqual({ rows: [51, 149], cols: [11, 109] });
    expect(cropWindow(4)).toEqual({ rows: [51, 149], cols: [411, 509] });
    const crop = cropBox(blankCanvas(), 3);
    expect([crop.height, crop.width]).toEqual([98, 98]);
    expect(crop.data.every((v) => v === 255)).toBe(true); // no outline pixel inside
  });

  it('resizes as cv2.resize(..., interpolation=cv2.INTER_CUBIC) does, byte for byte, on 98 → 28', () => {
    const random = mulberry32(2026);
    const noise = { width: 98, height: 98, data: Uint8ClampedArray.from({ length: 98 * 98 }, () => Math.floor(random() * 256)) };
    const small = resizeCubic(noise, 28, 28);
    expect(Array.from(small.data.subarray(0, 6))).toEqual(CV2.noiseFirstRow);
    expect(sha256(small.data)).toBe(CV2.noise);
  });

  it('gives the recorded drawings the bytes cv2 gives them', () => {
    DRAWINGS.forEach((drawing, k) => {
      const numerals = grabNumerals(rasterize(strokesOf(drawing)));
      const bytes = new Uint8Array(5 * 784);
      numerals.forEach((n, i) => bytes.set(n.data, i * 784));
      expect(sha256(bytes), drawing.digits).toBe(CV2.drawings[k]);
    });
  });

  it('keeps a flat image flat and inverts it: white paper becomes 0, the MNIST background', () => {
    const grey = { width: 98, height: 98, data: new Uint8ClampedArray(98 * 98).fill(200) };
    expect(resizeCubic(grey, 28, 28).data.every((v) => v === 200)).toBe(true);
    const numerals = grabNumerals(blankCanvas());
    expect(numerals).toHaveLength(5);
    expect(numerals.every((n) => n.width === 28 && n.height === 28 && n.data.every((v) => v === 0))).toBe(true);
  });

  it('makes the model input [5, 28, 28, 1] in 0–1 (astype(np.float32) / 255.0)', () => {
    const numerals = grabNumerals(rasterize(strokesOf(DRAWINGS[0]!)));
    const input = toModelInput(numerals);
    expect(input).toHaveLength(5 * 28 * 28);
    expect(Math.max(...input)).toBeLessThanOrEqual(1);
    expect(Math.min(...input)).toBeGreaterThanOrEqual(0);
    expect(input[784 + 28 * 14 + 14]).toBeCloseTo(numerals[1]!.data[28 * 14 + 14]! / 255, 7);
  });

  it('reads number[][] images as the exercise hands them', () => {
    const image = rasterize(strokesOf(DRAWINGS[1]!));
    expect(fromRows(toRows(image))).toEqual(image);
  });
});

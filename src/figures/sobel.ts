/**
 * Sobel filters for the figure SobelFigure.astro (document 004, which describes them in prose
 * only): the standard 3×3 kernels, applied as deep learning does it (correlation, no kernel flip)
 * with 'same' zero padding, the way tf.conv2d(…, 1, 'same') does in the exercise sobel-edges.
 * Pure: no DOM.
 */

/** Positive where the image gets brighter from left to right: it answers vertical edges. */
export const SOBEL_X: readonly (readonly number[])[] = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
/** Positive where the image gets brighter from top to bottom: it answers horizontal edges. */
export const SOBEL_Y: readonly (readonly number[])[] = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

/** A one-channel image, row by row, values 0–1. */
export interface GrayImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** Luma of RGBA pixels (ITU-R BT.601 weights, as OpenCV's and PIL's grayscale conversions use), 0–1. */
export function toGray(rgba: ArrayLike<number>, width: number, height: number): GrayImage {
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!) / 255;
  return { width, height, data };
}

/** Grayscale bytes (an MNIST-style 0–255 image) as a GrayImage. */
export function fromBytes(bytes: ArrayLike<number>, width: number, height: number): GrayImage {
  return { width, height, data: Float32Array.from({ length: width * height }, (_, i) => bytes[i]! / 255) };
}

/** The 3×3 kernel slid over the image without flipping it, zeros outside ('same', stride 1). */
export function correlate3x3(image: GrayImage, kernel: readonly (readonly number[])[]): Float32Array {
  const { width, height, data } = image;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let a = -1; a <= 1; a++) {
        const row = y + a;
        if (row < 0 || row >= height) continue;
        for (let b = -1; b <= 1; b++) {
          const col = x + b;
          if (col < 0 || col >= width) continue;
          sum += data[row * width + col]! * kernel[a + 1]![b + 1]!;
        }
      }
      out[y * width + x] = sum;
    }
  }
  return out;
}

export interface SobelResult {
  gx: Float32Array;
  gy: Float32Array;
  /** √(gx² + gy²) */
  magnitude: Float32Array;
}

export function sobel(image: GrayImage): SobelResult {
  const gx = correlate3x3(image, SOBEL_X);
  const gy = correlate3x3(image, SOBEL_Y);
  const magnitude = gx.map((v, i) => Math.hypot(v, gy[i]!));
  return { gx, gy, magnitude };
}

/**
 * Values as gray RGBA pixels for a canvas. Signed maps (gx, gy) put 0 at mid-gray, brighter for
 * positive; magnitudes run from black (0) up. Both scale by the largest absolute value, so faint
 * edges stay visible on every image.
 */
export function toRgba(values: Float32Array, signed: boolean): Uint8ClampedArray {
  let peak = 0;
  for (const v of values) peak = Math.max(peak, Math.abs(v));
  const scale = peak > 0 ? 1 / peak : 0;
  const rgba = new Uint8ClampedArray(values.length * 4);
  values.forEach((v, i) => {
    const level = signed ? 127.5 + 127.5 * v * scale : 255 * v * scale;
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = Math.round(level);
    rgba[i * 4 + 3] = 255;
  });
  return rgba;
}

/** Mean |gx| and |gy|: which direction of change dominates an image. */
export function meanAbs(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += Math.abs(v);
  return values.length > 0 ? sum / values.length : 0;
}

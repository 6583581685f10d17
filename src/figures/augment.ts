/**
 * Keras's ImageDataGenerator for listing 8-5 of document 002 (§8.6, data augmentation), for the
 * figure AugmentationGallery.astro:
 *
 *   generator = ImageDataGenerator(rotation_range=20.0, width_shift_range=0.2,
 *                                  height_shift_range=0.2, horizontal_flip=True)
 *   gen = generator.flow(x_train, y_train, batch_size=4)
 *   img, label = gen.next()   # three times
 *
 * Followed from Keras's ImageDataGenerator (keras/src/legacy/preprocessing/image.py in Keras 3,
 * the same code as tf.keras 2.9+: `get_random_transform`, `apply_transform`,
 * `apply_affine_transform`, `transform_matrix_offset_center`, `Iterator._flow_index`):
 *
 *   - θ ~ U(−20°, 20°); a row shift tx ~ U(−0.2, 0.2)·height and a column shift ty ~ U(−0.2, 0.2)·width
 *     (fractions below 1 are of the image size); a horizontal flip with probability ½.
 *   - The output pixel at (row, col) = o reads the input at R(θ)(o − c + t) + c, with the centre
 *     c = ((h − 1)/2, (w − 1)/2) and t = (tx, ty): scipy.ndimage.affine_transform's inverse mapping,
 *     per output pixel.
 *   - order=1 (Keras's default interpolation_order): bilinear; fill_mode='nearest' (Keras's default):
 *     a coordinate outside the image reads the nearest edge pixel, so edges smear outwards.
 *   - The flip comes after the affine transform, as in `apply_transform`.
 *   - `flow(shuffle=True)` shuffles the indices at the start of each epoch and cuts consecutive
 *     batches of batch_size; the last batch of an epoch holds what is left.
 *
 * Two Keras details the figure does not copy. Old Keras (keras_preprocessing, before the fix in
 * tf.keras 2.9) centred the rotation at (h/2 + 0.5, w/2 + 0.5), a pixel off the middle. Current Keras
 * swaps the matrix's axes for scipy, which on a square image only mirrors θ and trades tx for ty
 * (the same distribution, so CIFAR-10 looks the same), but on a non-square photo turns about the
 * wrong centre and lets the height shift move columns. Here each shift moves the axis its argument
 * names, about the image's middle.
 *
 * The random numbers come from a seeded generator, not NumPy's: the same seed gives the same
 * gallery in every browser, but not the document's pictures. Pure: no DOM.
 */
import { mulberry32 } from '../data/random.ts';

export { mulberry32 };

/** The ImageDataGenerator arguments the figure uses (shifts as fractions of the size, as in the listing). */
export interface AugmentConfig {
  /** Degrees: θ ~ U(−range, range). */
  rotationRange: number;
  /** Fraction of the width: column shift ~ U(−range, range)·width. */
  widthShiftRange: number;
  /** Fraction of the height: row shift ~ U(−range, range)·height. */
  heightShiftRange: number;
  horizontalFlip: boolean;
}

/** Listing 8-5's generator. */
export const LISTING_8_5: AugmentConfig = { rotationRange: 20, widthShiftRange: 0.2, heightShiftRange: 0.2, horizontalFlip: true };

/** One image's random transform, in Keras's names (tx shifts rows, ty shifts columns), in pixels and degrees. */
export interface TransformParams {
  theta: number;
  tx: number;
  ty: number;
  flipHorizontal: boolean;
}

/** An RGBA image, row-major, 4 bytes a pixel (what a canvas's ImageData holds). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export type Interpolation = 'bilinear' | 'nearest';

const uniform = (random: () => number, low: number, high: number) => low + (high - low) * random();

/** Keras's get_random_transform for this config, drawing θ, tx, ty, then the flip, in Keras's order. */
export function randomTransform(config: AugmentConfig, height: number, width: number, random: () => number): TransformParams {
  const theta = config.rotationRange ? uniform(random, -config.rotationRange, config.rotationRange) : 0;
  let tx = config.heightShiftRange ? uniform(random, -config.heightShiftRange, config.heightShiftRange) : 0;
  if (config.heightShiftRange < 1) tx *= height;
  let ty = config.widthShiftRange ? uniform(random, -config.widthShiftRange, config.widthShiftRange) : 0;
  if (config.widthShiftRange < 1) ty *= width;
  const flipHorizontal = config.horizontalFlip && random() < 0.5;
  return { theta, tx, ty, flipHorizontal };
}

/**
 * The 2×3 matrix [a b e; c d f] that maps an output (row, col) to the input (row, col) it reads:
 * offset_center · rotation · shift · reset_center, as apply_affine_transform builds it (centre: the image's middle).
 */
export function inverseMatrix(params: Pick<TransformParams, 'theta' | 'tx' | 'ty'>, height: number, width: number): [number, number, number, number, number, number] {
  const rad = (params.theta * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const oRow = (height - 1) / 2;
  const oCol = (width - 1) / 2;
  // input = R (o − c + t) + c
  const a = cos;
  const b = -sin;
  const c = sin;
  const d = cos;
  const e = a * (params.tx - oRow) + b * (params.ty - oCol) + oRow;
  const f = c * (params.tx - oRow) + d * (params.ty - oCol) + oCol;
  return [a, b, e, c, d, f];
}

const clamp = (v: number, max: number) => (v < 0 ? 0 : v > max ? max : v);

/** The transformed image: inverse mapping per output pixel, fill_mode 'nearest', then the flip. */
export function applyTransform(image: RgbaImage, params: TransformParams, interpolation: Interpolation = 'bilinear'): RgbaImage {
  const { width, height, data } = image;
  const [a, b, e, c, d, f] = inverseMatrix(params, height, width);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const r = a * row + b * col + e;
      const s = c * row + d * col + f;
      const outCol = params.flipHorizontal ? width - 1 - col : col;
      const o = (row * width + outCol) * 4;
      if (interpolation === 'nearest') {
        const p = (clamp(Math.round(r), height - 1) * width + clamp(Math.round(s), width - 1)) * 4;
        for (let k = 0; k < 4; k++) out[o + k] = data[p + k]!;
        continue;
      }
      // scipy's 'nearest' mode with order 1: the two neighbours along each axis, each clamped to the image.
      const r0 = Math.floor(r);
      const s0 = Math.floor(s);
      const wr = r - r0;
      const ws = s - s0;
      const rA = clamp(r0, height - 1) * width;
      const rB = clamp(r0 + 1, height - 1) * width;
      const sA = clamp(s0, width - 1);
      const sB = clamp(s0 + 1, width - 1);
      const p00 = (rA + sA) * 4;
      const p01 = (rA + sB) * 4;
      const p10 = (rB + sA) * 4;
      const p11 = (rB + sB) * 4;
      for (let k = 0; k < 4; k++) {
        const top = data[p00 + k]! * (1 - ws) + data[p01 + k]! * ws;
        const bottom = data[p10 + k]! * (1 - ws) + data[p11 + k]! * ws;
        out[o + k] = top * (1 - wr) + bottom * wr;
      }
    }
  }
  return { width, height, data: out };
}

/**
 * Keras's Iterator with shuffle=True: `next()` returns the indices of the next batch. Each epoch
 * starts with a fresh permutation of 0..n−1; the last batch of an epoch may be shorter.
 */
export function batchIterator(n: number, batchSize: number, random: () => number): { next(): number[] } {
  if (n < 1 || batchSize < 1) throw new Error(`batchIterator: n (${n}) and batchSize (${batchSize}) must be at least 1`);
  let order: number[] = [];
  let position = n;
  return {
    next() {
      if (position >= n) {
        order = permutation(n, random);
        position = 0;
      }
      const batch = order.slice(position, position + batchSize);
      position += batchSize;
      return batch;
    },
  };
}

function permutation(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export interface AugmentedImage {
  /** Index into the pool of source images. */
  source: number;
  params: TransformParams;
  image: RgbaImage;
}

/**
 * The listing's loop: a new generator and flow over `pool`, then `trials` calls of next(), each
 * batch's images transformed with their own random parameters. All randomness from `seed`.
 */
export function drawTrials(pool: readonly RgbaImage[], options: { seed: number; trials?: number; batchSize?: number; config?: AugmentConfig; interpolation?: Interpolation }): AugmentedImage[][] {
  const { seed, trials = 3, batchSize = 4, config = LISTING_8_5, interpolation = 'bilinear' } = options;
  const random = mulberry32(seed);
  const batches = batchIterator(pool.length, batchSize, random);
  return Array.from({ length: trials }, () =>
    batches.next().map((source) => {
      const image = pool[source]!;
      const params = randomTransform(config, image.height, image.width, random);
      return { source, params, image: applyTransform(image, params, interpolation) };
    }),
  );
}

/** N × 32 × 32 × 3 uint8 (the dataset files' NHWC layout) to one RGBA image per picture. */
export function rgbImagesToRgba(bytes: Uint8Array, count: number, height: number, width: number): RgbaImage[] {
  if (bytes.byteLength < count * height * width * 3) throw new Error(`rgbImagesToRgba: ${bytes.byteLength} bytes hold fewer than ${count} images of ${height}×${width}×3`);
  return Array.from({ length: count }, (_, n) => {
    const data = new Uint8ClampedArray(height * width * 4);
    const offset = n * height * width * 3;
    for (let p = 0; p < height * width; p++) {
      data[p * 4] = bytes[offset + p * 3]!;
      data[p * 4 + 1] = bytes[offset + p * 3 + 1]!;
      data[p * 4 + 2] = bytes[offset + p * 3 + 2]!;
      data[p * 4 + 3] = 255;
    }
    return { width, height, data };
  });
}

/**
 * A short Korean description of a transform for the caption under a picture, in the order Keras
 * applies them: "회전 ↻12° · 이동 →3 ↑5 · 좌우 반전". A positive θ turns the picture clockwise on
 * screen (rows grow downwards); the content moves opposite to the sampling offset (−ty, −tx).
 */
export function describeTransform(params: TransformParams): string {
  const degrees = Math.round(params.theta);
  const right = -Math.round(params.ty);
  const down = -Math.round(params.tx);
  const parts = [`회전 ${degrees >= 0 ? '↻' : '↺'}${Math.abs(degrees)}°`, `이동 ${right >= 0 ? '→' : '←'}${Math.abs(right)} ${down >= 0 ? '↓' : '↑'}${Math.abs(down)}`];
  if (params.flipHorizontal) parts.push('좌우 반전');
  return parts.join(' · ');
}

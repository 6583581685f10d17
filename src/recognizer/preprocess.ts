/**
 * Listing 8-4's `grab_numerals()` and the input step of `recognition()`, exactly:
 *
 *   roi = img[51:149, 11+i*100 : 9+(i+1)*100, 0]                       # 98 × 98 inside box i's outline
 *   roi = 255 - cv.resize(roi, (28, 28), interpolation=cv.INTER_CUBIC)  # MNIST size, white digit on black
 *   numerals.reshape(5, 28, 28, 1).astype(np.float32) / 255.0            # the model's input
 *
 * `resizeCubic` is OpenCV's INTER_CUBIC for 8-bit images: Keys' cubic with a = −0.75, pixel centres
 * aligned (x_src = (x + 0.5)·scale − 0.5), no antialiasing when shrinking, borders replicated, and
 * OpenCV's fixed-point arithmetic (coefficients × 2048, rounded once at the end), as its generic
 * (non-SIMD) code does. On the 98 → 28 crops every coefficient is exact in binary (the fractions are
 * 0.25 and 0.75), and the result matched cv2 4.14 byte for byte on the tests' images
 * (src/recognizer/preprocess.test.ts). On other sizes OpenCV's vectorized vertical pass rounds in
 * float32 and a pixel may differ by 1 of 255. Shared by the recognizer component and the
 * `postcode-preprocess` grader. No DOM, no TF.js.
 */
import { BOX_COUNT, type GrayImage } from './canvas.ts';

export const CROP_SIZE = 98;
export const DIGIT_SIZE = 28;

/** The rows and columns `img[51:149, 11+i*100 : 9+(i+1)*100]` takes (start inclusive, end exclusive). */
export function cropWindow(i: number): { rows: [number, number]; cols: [number, number] } {
  return { rows: [51, 149], cols: [11 + i * 100, 9 + (i + 1) * 100] };
}

/** `img[51:149, 11+i*100 : 9+(i+1)*100]`: the 98 × 98 pixels inside box i's outline. */
export function cropBox(image: GrayImage, i: number): GrayImage {
  const { rows, cols } = cropWindow(i);
  const width = cols[1] - cols[0];
  const height = rows[1] - rows[0];
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) data.set(image.data.subarray((rows[0] + y) * image.width + cols[0], (rows[0] + y) * image.width + cols[1]), y * width);
  return { width, height, data };
}

/** C's `lrint` (what OpenCV's `cvRound` / `saturate_cast` use): to nearest, ties to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const A = Math.fround(-0.75);
const f = Math.fround;

/** OpenCV's `interpolateCubic(x)`, in float32 as OpenCV computes it. */
function cubicCoefficients(x: number): [number, number, number, number] {
  const c0 = f(f(f(f(f(A * f(x + 1)) - f(5 * A)) * f(x + 1)) + f(8 * A)) * f(x + 1)) - f(4 * A);
  const c1 = f(f(f(f(f(A + 2) * x) - f(A + 3)) * x) * x) + 1;
  const c2 = f(f(f(f(f(A + 2) * f(1 - x)) - f(A + 3)) * f(1 - x)) * f(1 - x)) + 1;
  const c3 = f(f(f(1 - f(c0)) - f(c1)) - f(c2));
  return [f(c0), f(c1), f(c2), c3];
}

/** Per output position: the first of the 4 source taps and their fixed-point weights (× 2048). */
function cubicTaps(sourceSize: number, targetSize: number): { start: number; weights: number[] }[] {
  const scale = 1 / (targetSize / sourceSize); // OpenCV: scale_x = 1 / inv_scale_x, in double
  return Array.from({ length: targetSize }, (_, d) => {
    let fx = f((d + 0.5) * scale - 0.5);
    const sx = Math.floor(fx);
    fx = f(fx - sx);
    return { start: sx - 1, weights: cubicCoefficients(fx).map((c) => Math.max(-32768, Math.min(32767, roundHalfEven(f(c * 2048))))) };
  });
}

const clamp = (v: number, low: number, high: number) => (v < low ? low : v > high ? high : v);

/** `cv.resize(src, (width, height), interpolation=cv.INTER_CUBIC)` for a one-channel 8-bit image. */
export function resizeCubic(src: GrayImage, width: number, height: number): GrayImage {
  const xs = cubicTaps(src.width, width);
  const ys = cubicTaps(src.height, height);
  // Horizontal pass on every source row a vertical tap reads: integer sums, scaled by 2048.
  const rows = new Map<number, Int32Array>();
  const horizontal = (sy: number): Int32Array => {
    let row = rows.get(sy);
    if (!row) {
      row = new Int32Array(width);
      const line = src.data.subarray(sy * src.width, (sy + 1) * src.width);
      xs.forEach(({ start, weights }, dx) => {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += line[clamp(start + k, 0, src.width - 1)]! * weights[k]!;
        row![dx] = sum;
      });
      rows.set(sy, row);
    }
    return row;
  };
  const out = new Uint8ClampedArray(width * height);
  ys.forEach(({ start, weights }, dy) => {
    const taps = [0, 1, 2, 3].map((k) => horizontal(clamp(start + k, 0, src.height - 1)));
    for (let dx = 0; dx < width; dx++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += taps[k]![dx]! * weights[k]!;
      // FixedPtCast<int, uchar, 22>: add half, shift right by 2 × 11 bits, saturate.
      out[dy * width + dx] = clamp(Math.floor((sum + 2 ** 21) / 2 ** 22), 0, 255);
    }
  });
  return { width, height, data: out };
}

/** `grab_numerals()`: box i's crop, resized to 28 × 28 and inverted (255 − v), for the five boxes. */
export function grabNumerals(image: GrayImage): GrayImage[] {
  return Array.from({ length: BOX_COUNT }, (_, i) => {
    const small = resizeCubic(cropBox(image, i), DIGIT_SIZE, DIGIT_SIZE);
    return { ...small, data: small.data.map((v) => 255 - v) };
  });
}

/** `numerals.reshape(5, 28, 28, 1).astype(np.float32) / 255.0`, as the data of a [5, 28, 28, 1] tensor. */
export function toModelInput(numerals: readonly GrayImage[]): Float32Array {
  const input = new Float32Array(numerals.length * DIGIT_SIZE * DIGIT_SIZE);
  numerals.forEach((n, i) => n.data.forEach((v, j) => (input[i * DIGIT_SIZE * DIGIT_SIZE + j] = v / 255)));
  return input;
}

/** A number[][] (`image[y][x]`) as a GrayImage. */
export function fromRows(rows: readonly (readonly number[])[]): GrayImage {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const data = new Uint8ClampedArray(width * height);
  rows.forEach((row, y) => data.set(row, y * width));
  return { width, height, data };
}

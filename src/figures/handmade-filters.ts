/**
 * Document 004's hand-made filters, for the figure HandmadeFilters.astro:
 *
 *   filters = np.zeros(shape=(7, 7, channels, 2), dtype=np.float32)
 *   filters[:, 3, :, 0] = 1   # filter 0: a vertical line …
 *   filters[3, :, :, 0] = 1   # … and a horizontal one: a cross
 *   filters[3, 3, :, 1] = 1   # filter 1: the centre point
 *
 * The document stops there; the figure applies them as tf.conv2d(images, filters, 1, 'same') would
 * (no kernel flip, zeros outside). Pure: no DOM.
 */

export const FILTER_SIZE = 7;

/** The document's (7, 7, channels, 2) filters, in tf.conv2d's [height, width, in, out] order. */
export function documentFilters(channels: number): Float32Array {
  const size = FILTER_SIZE;
  const middle = (size - 1) / 2;
  const filters = new Float32Array(size * size * channels * 2);
  const at = (row: number, col: number, channel: number, filter: number) => ((row * size + col) * channels + channel) * 2 + filter;
  for (let i = 0; i < size; i++) {
    for (let c = 0; c < channels; c++) {
      filters[at(i, middle, c, 0)] = 1;
      filters[at(middle, i, c, 0)] = 1;
    }
  }
  for (let c = 0; c < channels; c++) filters[at(middle, middle, c, 1)] = 1;
  return filters;
}

/** An image of `channels` values per pixel, row by row (H×W×C), as tf.browser.fromPixels gives. */
export interface Image {
  width: number;
  height: number;
  channels: number;
  data: Float32Array;
}

/** RGBA pixels (0–255) as an H×W×3 image of values 0–1, the document's `load_sample_image(…) / 255`. */
export function rgbFromRgba(rgba: ArrayLike<number>, width: number, height: number): Image {
  const data = new Float32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) data[i * 3 + c] = rgba[i * 4 + c]! / 255;
  return { width, height, channels: 3, data };
}

/**
 * tf.conv2d(image, filters, 1, 'same') for one image: k×k filters ([k, k, C, F] order), zeros
 * outside, no flip. Returns F maps of height × width.
 */
export function convolveSame(image: Image, filters: Float32Array, size: number, count: number): Float32Array[] {
  const { width, height, channels, data } = image;
  const before = Math.floor((size - 1) / 2); // TF's 'same': the odd extra row goes below and right
  const maps = Array.from({ length: count }, () => new Float32Array(width * height));
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      for (let c = 0; c < channels; c++) {
        for (let f = 0; f < count; f++) {
          const weight = filters[((a * size + b) * channels + c) * count + f]!;
          if (weight === 0) continue;
          const map = maps[f]!;
          for (let y = 0; y < height; y++) {
            const row = y + a - before;
            if (row < 0 || row >= height) continue;
            for (let x = 0; x < width; x++) {
              const col = x + b - before;
              if (col < 0 || col >= width) continue;
              map[y * width + x]! += weight * data[(row * width + col) * channels + c]!;
            }
          }
        }
      }
    }
  }
  return maps;
}

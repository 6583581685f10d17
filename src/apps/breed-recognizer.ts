/**
 * The pure parts of the recognizer page (document 002, 8.8, adapted to the course's Fashion-MNIST
 * models): turning an opened photo or a drawing into the 28×28 image a model sees, and reading the
 * model's answer as a top-k list. No TF.js and no DOM here, so the page stays light until the
 * learner presses 인식 and everything is unit-tested in Node.
 *
 * Images are grayscale, one float per pixel, 0 = black … 255 = white.
 */

/** The side of a Fashion-MNIST image: what both of the course's models take. */
export const INPUT_SIZE = 28;

export interface GrayImage {
  width: number;
  height: number;
  /** Row-major, `width * height` values in 0–255. */
  data: Float32Array;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * RGBA bytes (as `ImageData.data`) to gray with the luma weights OpenCV's `cvtColor(…, COLOR_BGR2GRAY)`
 * uses (0.299 R + 0.587 G + 0.114 B). A transparent pixel is taken over white, as an image viewer shows it.
 */
export function toGrayscale(rgba: ArrayLike<number>, width: number, height: number): GrayImage {
  const count = width * height;
  if (rgba.length < count * 4) throw new Error(`toGrayscale: expected ${count * 4} bytes, got ${rgba.length}`);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const r = rgba[i * 4]!;
    const g = rgba[i * 4 + 1]!;
    const b = rgba[i * 4 + 2]!;
    const alpha = rgba[i * 4 + 3]! / 255;
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    data[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width, height, data };
}

/** How many pixels deep the border ring is: 2% of the shorter side, at least one pixel. */
export function borderDepth(image: Pick<GrayImage, 'width' | 'height'>): number {
  return Math.max(1, Math.round(Math.min(image.width, image.height) * 0.02));
}

/** The pixels of the ring along the four edges (each pixel once). */
export function borderPixels(image: GrayImage, depth = borderDepth(image)): number[] {
  const { width, height, data } = image;
  const values: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y < depth || y >= height - depth || x < depth || x >= width - depth) values.push(data[y * width + x]!);
    }
  }
  return values;
}

export function borderMean(image: GrayImage): number {
  const values = borderPixels(image);
  return values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface InvertDecision {
  invert: boolean;
  /** The mean of the border ring, 0–255: the decision's reason. */
  borderMean: number;
}

/**
 * Fashion-MNIST garments are light on a black background. A photo whose border (its background,
 * as a rule) is brighter than mid-gray is the other way round and is inverted.
 */
export function decideInvert(image: GrayImage): InvertDecision {
  const mean = borderMean(image);
  return { invert: mean > 127.5, borderMean: mean };
}

export function invert(image: GrayImage): GrayImage {
  return { ...image, data: image.data.map((v) => 255 - v) };
}

/**
 * Stretches the levels so that the background (the median of the border, robust to a garment that
 * touches an edge) becomes 0 and the brightest pixel 255, as in Fashion-MNIST's images. An image
 * with no contrast left is returned as all 0.
 */
export function stretchLevels(image: GrayImage): GrayImage {
  const background = median(borderPixels(image));
  let max = background;
  for (const v of image.data) if (v > max) max = v;
  const range = max - background;
  if (range < 1) return { ...image, data: new Float32Array(image.data.length) };
  return { ...image, data: image.data.map((v) => Math.min(255, Math.max(0, ((v - background) / range) * 255))) };
}

/** The smallest box holding every pixel brighter than `threshold`, or null when there is none. */
export function contentBox(image: GrayImage, threshold = 40): Box | null {
  const { width, height, data } = image;
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! > threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** For each target cell along one axis, the source cells it covers and how much of each (area weights summing to 1). */
function axisWeights(sourceStart: number, sourceLength: number, targetLength: number): { index: number; weight: number }[][] {
  const step = sourceLength / targetLength;
  return Array.from({ length: targetLength }, (_, i) => {
    const from = sourceStart + i * step;
    const to = from + step;
    const cells: { index: number; weight: number }[] = [];
    for (let s = Math.floor(from); s < Math.ceil(to - 1e-9); s++) {
      const overlap = Math.min(to, s + 1) - Math.max(from, s);
      if (overlap > 1e-9) cells.push({ index: s, weight: overlap / step });
    }
    return cells;
  });
}

/**
 * Scales `box` of the image (default: all of it) to fit `size`×`size` keeping its aspect ratio, by
 * area averaging (OpenCV's INTER_AREA for shrinking; enlarging repeats pixels), and centers it on a
 * black square, like Fashion-MNIST's garments, whose longer side fills the frame.
 */
export function fitInto(image: GrayImage, size = INPUT_SIZE, box: Box = { x: 0, y: 0, width: image.width, height: image.height }): GrayImage {
  const scale = Math.min(size / box.width, size / box.height);
  const width = Math.min(size, Math.max(1, Math.round(box.width * scale)));
  const height = Math.min(size, Math.max(1, Math.round(box.height * scale)));
  const left = Math.floor((size - width) / 2);
  const top = Math.floor((size - height) / 2);
  const columns = axisWeights(box.x, box.width, width);
  const rows = axisWeights(box.y, box.height, height);
  const data = new Float32Array(size * size);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const row of rows[y]!) {
        for (const column of columns[x]!) sum += image.data[row.index * image.width + column.index]! * row.weight * column.weight;
      }
      data[(top + y) * size + left + x] = sum;
    }
  }
  return { width: size, height: size, data };
}

export interface Preprocessed {
  /** The 28×28 image the model sees, 0–255, light garment on black. */
  input: GrayImage;
  /** What the border said; `inverted` is what was applied (the decision or the learner's override). */
  decision: InvertDecision;
  inverted: boolean;
  /** False when nothing stands out of the background (an empty drawing): there is nothing to recognize. */
  hasContent: boolean;
}

/**
 * The whole path from an opened photo or a drawing to the model's input: gray, inverted when the
 * background is bright (or as `invertOverride` says), levels stretched, cropped to the garment and
 * fitted into 28×28.
 */
export function preprocess(gray: GrayImage, invertOverride?: boolean): Preprocessed {
  const decision = decideInvert(gray);
  const inverted = invertOverride ?? decision.invert;
  const stretched = stretchLevels(inverted ? invert(gray) : gray);
  const box = contentBox(stretched);
  return { input: fitInto(stretched, INPUT_SIZE, box ?? undefined), decision, inverted, hasContent: box !== null };
}

/** The model's input values: 0–255 pixels divided so that white is `inputMax` (1 for course-vgg, 255 for a model that rescales itself). */
export function scaleForModel(image: GrayImage, inputMax: number): Float32Array {
  return image.data.map((v) => (v / 255) * inputMax);
}

export interface LayerDescription {
  className: string;
  config: Record<string, unknown>;
}

export interface InputRange {
  /** The value white should have: 255 or 1. */
  max: number;
  /** Why, for the page to show. */
  reason: string;
}

/**
 * What range a model wants, read from its first layer: a `Rescaling(1/255)` first (the document's
 * listing 8-7, and the course's fine-tuning exercise) means raw 0–255 pixels; anything else, the
 * course's 0–1. Pass the layers in order, the input layer included or not.
 */
export function inputRangeOf(layers: LayerDescription[]): InputRange {
  const first = layers.find((layer) => layer.className !== 'InputLayer');
  if (first?.className === 'Rescaling') {
    const scale = Number(first.config['scale']);
    const offset = Number(first.config['offset'] ?? 0);
    if (Math.abs(scale * 255 - 1) < 1e-3 && Math.abs(offset) < 1e-6) return { max: 255, reason: '첫 층이 Rescaling(1/255)이라 0~255 화소를 그대로 넣습니다' };
  }
  return { max: 1, reason: '첫 층이 값을 바꾸지 않으므로 화소를 0~1로 나눠 넣습니다' };
}

export interface RankedClass {
  index: number;
  name: string;
  probability: number;
}

/**
 * The `k` most probable classes, most probable first (ties: lower index first), like the
 * document's `np.argsort(-res)[:5]`. A class without a name is called `클래스 i`.
 */
export function topK(probabilities: ArrayLike<number>, k: number, names: readonly string[]): RankedClass[] {
  return Array.from(probabilities, (probability, index) => ({ index, name: names[index] ?? `클래스 ${index}`, probability }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, Math.max(0, Math.floor(k)));
}

/** One line of the document's overlay: `(probability)name`, the probability with four decimals. */
export function overlayLine(entry: RankedClass): string {
  return `(${entry.probability.toFixed(4)})${entry.name}`;
}

/** A probability as the list shows it: a percentage with one decimal (`97.3%`). */
export function percent(probability: number): string {
  return `${(probability * 100).toFixed(1)}%`;
}

/**
 * The drawing window of document 002's postcode recognizer (listing 8-4), as pure data: a 200×520
 * image, five boxes, and the brush `cv.circle(img, (x, y), BrushSiz=4, (0, 0, 0), -1)`.
 *
 * The recognizer reads only channel 0 of the document's BGR image (`img[..., 0]`), so that is the
 * image kept here: white (255) paper, black (0) ink, and the box outlines, which the document draws
 * in red, (0, 0, 255) in BGR, whose blue channel is 0: black in channel 0. The hint text is blue,
 * (255, 0, 0), so it is white in channel 0 and absent here. Shared by the page's component, the
 * `postcode-preprocess` grader and the tests. No DOM, no TF.js.
 */

/** `np.ones((200, 520, 3)) * 255`: the window is 200 rows by 520 columns. */
export const CANVAS_HEIGHT = 200;
export const CANVAS_WIDTH = 520;
export const BOX_COUNT = 5;
/** `BrushSiz = 4`: the radius of the filled circle stamped at each mouse position. */
export const BRUSH_RADIUS = 4;

/** A one-channel 8-bit image, row-major (`data[y * width + x]`). */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A stroke: the positions the pointer passed, in canvas pixels ([x, y], as OpenCV's mouse callback gets them). */
export type Stroke = readonly (readonly [number, number])[];

/** Box i's outline: `cv.rectangle(img, (10 + i*100, 50), (10 + (i+1)*100, 150), (0, 0, 255))`, corners inclusive. */
export function boxOutline(i: number): { left: number; top: number; right: number; bottom: number } {
  return { left: 10 + 100 * i, top: 50, right: 10 + 100 * (i + 1), bottom: 150 };
}

/** Where the document writes box i's predicted digit: `cv.putText(img, str(class_id[i]), (50 + i*100, 180), …)` (text origin, bottom left). */
export function labelOrigin(i: number): { x: number; y: number } {
  return { x: 50 + 100 * i, y: 180 };
}

/** Channel 0 of `reset()`: white paper with the five box outlines in 0. */
export function blankCanvas(): GrayImage {
  const image: GrayImage = { width: CANVAS_WIDTH, height: CANVAS_HEIGHT, data: new Uint8ClampedArray(CANVAS_WIDTH * CANVAS_HEIGHT).fill(255) };
  for (let i = 0; i < BOX_COUNT; i++) {
    const { left, top, right, bottom } = boxOutline(i);
    for (let x = left; x <= right; x++) {
      image.data[top * CANVAS_WIDTH + x] = 0;
      image.data[bottom * CANVAS_WIDTH + x] = 0;
    }
    for (let y = top; y <= bottom; y++) {
      image.data[y * CANVAS_WIDTH + left] = 0;
      image.data[y * CANVAS_WIDTH + right] = 0;
    }
  }
  return image;
}

/** A horizontal run of pixels: row `y`, columns `x1` … `x2` inclusive. */
export interface Span {
  y: number;
  x1: number;
  x2: number;
}

/**
 * The rows of a filled circle as OpenCV draws it (`cv.circle` with thickness −1, LINE_8, no shift:
 * imgproc's `Circle()`, a midpoint algorithm that fills horizontal lines). Radius 4 gives 49 pixels:
 * rows of 1, 5, 7, 7, 9, 7, 7, 5, 1. Spans may repeat; they are not clipped.
 */
export function circleSpans(cx: number, cy: number, radius: number): Span[] {
  const spans: Span[] = [];
  let err = 0;
  let dx = radius;
  let dy = 0;
  let plus = 1;
  let minus = (radius << 1) - 1;
  while (dx >= dy) {
    spans.push({ y: cy - dy, x1: cx - dx, x2: cx + dx }, { y: cy + dy, x1: cx - dx, x2: cx + dx });
    spans.push({ y: cy - dx, x1: cx - dy, x2: cx + dy }, { y: cy + dx, x1: cx - dy, x2: cx + dy });
    dy++;
    err += plus;
    plus += 2;
    const mask = (err <= 0 ? 1 : 0) - 1;
    err -= minus & mask;
    dx += mask;
    minus -= mask & 2;
  }
  return spans;
}

/** The spans of `spans` that fall inside a width × height image, clipped to it. */
export function clipSpans(spans: readonly Span[], width = CANVAS_WIDTH, height = CANVAS_HEIGHT): Span[] {
  return spans.filter((s) => s.y >= 0 && s.y < height && s.x2 >= 0 && s.x1 < width).map((s) => ({ y: s.y, x1: Math.max(0, s.x1), x2: Math.min(width - 1, s.x2) }));
}

/** `cv.circle(img, (x, y), BrushSiz, (0, 0, 0), -1)` on channel 0; returns the spans it painted. */
export function stamp(image: GrayImage, x: number, y: number, radius = BRUSH_RADIUS): Span[] {
  const spans = clipSpans(circleSpans(x, y, radius), image.width, image.height);
  for (const { y: row, x1, x2 } of spans) image.data.fill(0, row * image.width + x1, row * image.width + x2 + 1);
  return spans;
}

/**
 * The integer points from (x0, y0) (excluded) to (x1, y1) (included), at most one pixel apart. The
 * document stamps a circle at each mouse event only; a browser delivers pointer events once per
 * frame, so a quick stroke would be a row of dots. Stamping along the segment between two events
 * closes those gaps, as OpenCV's dense mouse events do on the desktop.
 */
export function segmentPoints(x0: number, y0: number, x1: number, y1: number): [number, number][] {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  const points: [number, number][] = [];
  for (let k = 1; k <= steps; k++) points.push([Math.round(x0 + ((x1 - x0) * k) / steps), Math.round(y0 + ((y1 - y0) * k) / steps)]);
  return points;
}

/** Draws strokes as the recognizer page does: a stamp at each point, and along each segment between two points. */
export function drawStrokes(image: GrayImage, strokes: readonly Stroke[], radius = BRUSH_RADIUS): GrayImage {
  for (const stroke of strokes) {
    stroke.forEach(([x, y], k) => {
      if (k === 0) stamp(image, x, y, radius);
      else for (const [px, py] of segmentPoints(stroke[k - 1]![0], stroke[k - 1]![1], x, y)) stamp(image, px, py, radius);
    });
  }
  return image;
}

/** A blank canvas with these strokes drawn on it. */
export function rasterize(strokes: readonly Stroke[]): GrayImage {
  return drawStrokes(blankCanvas(), strokes);
}

/** The image as rows of numbers (`image[y][x]`), the form the `postcode-preprocess` exercise hands learner code. */
export function toRows(image: GrayImage): number[][] {
  return Array.from({ length: image.height }, (_, y) => Array.from(image.data.subarray(y * image.width, (y + 1) * image.width)));
}

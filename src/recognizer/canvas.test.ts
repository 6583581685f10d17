import { describe, expect, it } from 'vitest';
import { DRAWINGS, strokesOf } from '../../content/exercises/postcode-preprocess/drawings.ts';
import { BRUSH_RADIUS, CANVAS_HEIGHT, CANVAS_WIDTH, blankCanvas, boxOutline, circleSpans, clipSpans, drawStrokes, labelOrigin, rasterize, segmentPoints, stamp, toRows } from './canvas.ts';

/** The pixels `cv.circle(img, (5, 5), 4, 0, -1)` paints on an 11×11 image, as cv2 4.14 draws them. */
const CV2_CIRCLE_R4 = [
  '...........',
  '.....#.....',
  '...#####...',
  '..#######..',
  '..#######..',
  '.#########.',
  '..#######..',
  '..#######..',
  '...#####...',
  '.....#.....',
  '...........',
];

describe('the drawing window (listing 8-4)', () => {
  it('is 200 rows by 520 columns of white with the five box outlines at 0 (red in BGR has blue 0)', () => {
    const image = blankCanvas();
    expect([image.height, image.width]).toEqual([CANVAS_HEIGHT, CANVAS_WIDTH]);
    expect([image.height, image.width]).toEqual([200, 520]);
    const at = (x: number, y: number) => image.data[y * image.width + x];
    for (let i = 0; i < 5; i++) {
      const { left, top, right, bottom } = boxOutline(i);
      expect([left, top, right, bottom]).toEqual([10 + 100 * i, 50, 110 + 100 * i, 150]);
      expect([at(left, 100), at(right, 100), at(left + 50, top), at(left + 50, bottom)]).toEqual([0, 0, 0, 0]);
      expect(at(left + 1, top + 1)).toBe(255);
      expect(labelOrigin(i)).toEqual({ x: 50 + 100 * i, y: 180 });
    }
    // 5 boxes × (2 × 101 + 2 × 99) border pixels, the shared sides counted once.
    expect(image.data.filter((v) => v === 0).length).toBe(5 * (2 * 101 + 2 * 99) - 4 * 101);
  });

  it("stamps cv.circle's filled radius-4 circle pixel for pixel (49 pixels)", () => {
    expect(BRUSH_RADIUS).toBe(4);
    const image = { width: 11, height: 11, data: new Uint8ClampedArray(121).fill(255) };
    stamp(image, 5, 5);
    const drawn = Array.from({ length: 11 }, (_, y) => Array.from(image.data.subarray(y * 11, y * 11 + 11), (v) => (v === 0 ? '#' : '.')).join(''));
    expect(drawn).toEqual(CV2_CIRCLE_R4);
    expect(image.data.filter((v) => v === 0).length).toBe(49);
  });

  it('clips a stamp at the edges of the canvas', () => {
    const spans = clipSpans(circleSpans(0, 0, 4));
    expect(Math.min(...spans.map((s) => s.x1))).toBe(0);
    expect(Math.min(...spans.map((s) => s.y))).toBe(0);
    const image = blankCanvas();
    expect(() => stamp(image, 519, 199)).not.toThrow();
    expect(image.data[199 * 520 + 519]).toBe(0);
  });

  it('fills the way between two pointer events one pixel at a time', () => {
    expect(segmentPoints(0, 0, 3, 1)).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    expect(segmentPoints(5, 5, 5, 5)).toEqual([]);
    // A quick stroke with events 30 px apart is still one line, not a row of dots.
    const image = drawStrokes(blankCanvas(), [[[20, 100], [80, 100]]]);
    for (let x = 16; x <= 84; x++) expect(image.data[100 * 520 + x], `x = ${x}`).toBe(0);
  });

  it('draws the recorded drawings inside their boxes, and toRows gives image[y][x]', () => {
    for (const drawing of DRAWINGS) {
      const image = rasterize(strokesOf(drawing));
      const rows = toRows(image);
      expect(rows).toHaveLength(200);
      expect(rows[0]).toHaveLength(520);
      // Ink only inside the boxes' inner 98 × 98 areas (and the outlines, already 0).
      const blank = blankCanvas();
      for (let y = 0; y < 200; y++) {
        for (let x = 0; x < 520; x++) {
          if (rows[y]![x] === blank.data[y * 520 + x]) continue;
          const box = Math.floor((x - 10) / 100);
          expect(y >= 51 && y <= 148 && x >= 11 + 100 * box && x <= 108 + 100 * box, `ink at (${x}, ${y})`).toBe(true);
        }
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { countCrossSplitMatches, findDuplicates, PIXELS, splitFashion } from './fashion-split.ts';

/** Images told apart by their fill value; equal values are exact duplicates. */
const classOf = (...values: number[]) => {
  const images = new Uint8Array(values.length * PIXELS);
  values.forEach((v, i) => images.fill(v, i * PIXELS, (i + 1) * PIXELS));
  return images;
};
const values = (images: Uint8Array) => Array.from({ length: images.byteLength / PIXELS }, (_, i) => images[i * PIXELS]!);

// 11 is duplicated within class 0, 12 across classes 0 and 1, 34 within class 2 at its very end.
const classes = [classOf(10, 11, 12, 13, 11, 14), classOf(20, 21, 12, 22, 23, 24), classOf(30, 31, 32, 33, 34, 34)];

describe('Fashion-MNIST split rule (synthetic source)', () => {
  it('puts the last non-duplicated images of each class in test and everything else in train', () => {
    const { train, test } = splitFashion(classes, { testPerClass: 2, seed: 7 });
    // `label:value` pairs: labels travel with their images through the shuffle.
    const pairs = (split: { images: Uint8Array; labels: Uint8Array }) => values(split.images).map((v, i) => `${split.labels[i]}:${v}`).sort();
    expect(pairs(test)).toEqual(['0:13', '0:14', '1:23', '1:24', '2:32', '2:33']);
    expect(pairs(train)).toEqual(['0:10', '0:11', '0:11', '0:12', '1:12', '1:20', '1:21', '1:22', '2:30', '2:31', '2:34', '2:34']);
  });

  it('reports duplicates within and across classes and no cross-split match', () => {
    const { duplicates, train, test } = splitFashion(classes, { testPerClass: 2 });
    expect(duplicates).toEqual({
      duplicateGroups: 3,
      duplicatedImages: 6,
      withinClassGroups: 2,
      withinClassImages: 4,
      crossClassGroups: 1,
      crossClassImages: 2,
      crossSplitMatches: 0,
    });
    expect(findDuplicates(classes).report.crossClassGroups).toBe(1);
    expect(countCrossSplitMatches(train.images, test.images)).toBe(0);
    expect(countCrossSplitMatches(train.images, classOf(12, 99))).toBe(1);
  });

  it('is deterministic for a seed and interleaves classes', () => {
    const a = splitFashion(classes, { testPerClass: 2, seed: 1 });
    const b = splitFashion(classes, { testPerClass: 2, seed: 1 });
    const c = splitFashion(classes, { testPerClass: 2, seed: 2 });
    expect(b.train.images).toEqual(a.train.images);
    expect(b.test.labels).toEqual(a.test.labels);
    expect(c.train.labels).not.toEqual(a.train.labels);
  });

  it('refuses a class without enough unique images for test', () => {
    expect(() => splitFashion(classes, { testPerClass: 4 })).toThrow(/클래스 0에 중복 없는 이미지가 3장뿐입니다/);
  });
});

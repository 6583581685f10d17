import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { executeRun } from './execute.ts';
import { DatasetError } from '../data/loader.ts';
import type { DatasetBudget, RunSpec } from './protocol.ts';
import type { Emit, TrainingData } from './course-api.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Message = Parameters<Emit>[0];

async function run(
  spec: Partial<RunSpec> & Pick<RunSpec, 'kind' | 'code'>,
  loadTrainingData: (budget: DatasetBudget) => Promise<TrainingData> = () => Promise.reject(new Error('no data in this test')),
): Promise<Message[]> {
  const messages: Message[] = [];
  await executeRun({ exerciseId: 'test', backend: 'cpu', baseUrl: '/', ...spec }, { emit: (m) => messages.push(m as Message), loadTrainingData, models: { baseUrl: '/models/', fetch: () => Promise.resolve(new Response('', { status: 404 })), cache: null } });
  return messages;
}

describe('executeRun', () => {
  it('gives learner code the chained tensor methods of @tensorflow/tfjs', async () => {
    const code = `import * as tf from '@tensorflow/tfjs';
import { print } from 'course';
print(tf.tensor([1, 2, 3]).mul(2).sum().dataSync()[0], tf.ones([2, 2]).flatten().concat(tf.zeros([1])).shape);`;
    const messages = await run({ kind: 'script', code });
    expect(messages.find((m) => m.type === 'error')).toBeUndefined();
    expect(messages).toContainEqual(expect.objectContaining({ type: 'log', text: '12 [5]' }));
  });

  it('says in Korean that a tensor is too large to allocate, and how large', async () => {
    const messages = await run({ kind: 'script', code: "import * as tf from '@tensorflow/tfjs';\ntf.zeros([100000, 100000]);\n" });
    const error = messages.find((m) => m.type === 'error') as { message?: string } | undefined;
    expect(error?.message).toMatch(/^2번째 줄에서 오류: 텐서가 너무 큽니다: 원소 10,000,000,000개\(float32로 약 40 GB\)/);
    expect(error?.message).toContain('RangeError: Invalid typed array length: 10000000000');
  });

  it('keeps each call of a values exercise under its own key, tensors as {shape, values}', async () => {
    const code = `import * as tf from '@tensorflow/tfjs';
export function area(h: number, w: number) { return h * w; }
export function grid(n: number) { return tf.ones([n, 2]); }`;
    const messages = await run({
      kind: 'values',
      code,
      calls: {
        inline: [
          { name: 'area', args: [2, 3], key: 'area#small' },
          { name: 'area', args: [10, 10], key: 'area#big' },
          { name: 'grid', args: [3], key: 'grid' },
        ],
      },
    });
    const submission = messages.find((m) => m.type === 'submission')?.submission;
    expect(submission).toEqual({
      kind: 'values',
      values: {
        'area#small': 6,
        'area#big': 100,
        // A typed array, so the worker transfers it instead of cloning numbers one by one.
        grid: { shape: [3, 2], values: new Float32Array([1, 1, 1, 1, 1, 1]) },
      },
    });
  });

  it('ends a run whose opt-in dataset is missing as unavailable, not as an error of the code', async () => {
    const code = `import * as tf from '@tensorflow/tfjs';
export function buildModel() { return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] }); }
export async function train() {}`;
    const missing = () => Promise.reject(new DatasetError('이 사이트에는 CIFAR-10 데이터셋이 없습니다.', 'missing', { dataset: 'cifar10' }));
    const messages = await run({ kind: 'train', code, dataset: { name: 'cifar10', trainSize: 10, validationSize: 2, seed: 1 } }, missing);
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(messages.at(-1)).toEqual({ type: 'unavailable', dataset: 'cifar10', message: '이 사이트에는 CIFAR-10 데이터셋이 없습니다.' });
    // Any other loading failure is still an error.
    const other = await run({ kind: 'train', code, dataset: { name: 'mnist', trainSize: 10, validationSize: 2, seed: 1 } }, () => Promise.reject(new DatasetError('HTTP 404', 'http')));
    expect(other.at(-1)).toMatchObject({ type: 'error', message: 'DatasetError: HTTP 404' });
  });

  it('hands a $trainingImages argument over as the seeded training images, repeated', async () => {
    const budgets: DatasetBudget[] = [];
    const images = (budget: DatasetBudget): Promise<TrainingData> => {
      budgets.push(budget);
      const xs = tf.tensor4d([0.1, 0.2], [2, 1, 1, 1]);
      return Promise.resolve({
        train: { xs, ys: tf.tensor1d([3, 4]) },
        validation: { xs: tf.zeros([0, 1, 1, 1]) as tf.Tensor4D, ys: tf.zeros([0]) as tf.Tensor1D },
        classNames: [],
      });
    };
    const code = `import * as tf from '@tensorflow/tfjs';
export function twice(images: tf.Tensor4D) { return images.mul(2); }`;
    const messages = await run(
      { kind: 'values', code, calls: { inline: [{ key: 'twice', name: 'twice', args: [{ $trainingImages: { dataset: 'fashion-mnist', count: 2, seed: 5, repeat: 3 } }] }] } },
      images,
    );
    expect(budgets).toEqual([{ name: 'fashion-mnist', trainSize: 2, validationSize: 0, seed: 5 }]);
    const submission = messages.find((m) => m.type === 'submission')?.submission;
    const twice = (submission?.kind === 'values' ? submission.values['twice'] : undefined) as { shape: number[]; values: Float32Array } | undefined;
    expect(twice?.shape).toEqual([6, 1, 1, 1]);
    expect(Array.from(twice?.values ?? [], (v) => Math.round(v * 10) / 10)).toEqual([0.2, 0.4, 0.2, 0.4, 0.2, 0.4]);
  });

  it('returns a model as its topology with a frozen base recorded, as conv_base.trainable = False trains it', async () => {
    const code = `import * as tf from '@tensorflow/tfjs';
export function extended() {
  const base = tf.sequential({ name: 'base', layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'inner' })] });
  base.trainable = false;
  return tf.sequential({ layers: [base, tf.layers.dense({ units: 1, name: 'head' })] });
}`;
    const messages = await run({ kind: 'values', code, calls: { inline: [{ name: 'extended', args: [], key: 'extended' }] } });
    const submission = messages.find((m) => m.type === 'submission')?.submission;
    const topology = (submission?.kind === 'values' ? submission.values['extended'] : undefined) as { $model: { config: { layers: { config: { name: string; trainable?: boolean; layers?: { config: { name: string; trainable?: boolean } }[] } }[] } } };
    const [base, head] = topology.$model.config.layers;
    expect(base?.config.trainable).toBe(false);
    // TF.js flags only the base's weights: the inner layer's own config still says trainable.
    expect(base?.config.layers?.[0]?.config).toMatchObject({ name: 'inner', trainable: false });
    expect(head?.config).toMatchObject({ name: 'head', trainable: true });
  });
});

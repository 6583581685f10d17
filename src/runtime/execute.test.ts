import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { executeRun } from './execute.ts';
import type { RunnerMessage } from './protocol.ts';
import type { RunSpec } from './protocol.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Message = Omit<RunnerMessage, 'requestId'>;

async function run(spec: Partial<RunSpec> & Pick<RunSpec, 'kind' | 'code'>): Promise<Message[]> {
  const messages: Message[] = [];
  await executeRun(
    { exerciseId: 'test', backend: 'cpu', baseUrl: '/', ...spec },
    {
      emit: (m) => messages.push(m as Message),
      loadTrainingData: () => Promise.reject(new Error('no data in this test')),
    },
  );
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

  it('keeps each call of a values exercise under its own key, tensors as {shape, values}', async () => {
    const code = `import * as tf from '@tensorflow/tfjs';
export function area(h: number, w: number) { return h * w; }
export function grid(n: number) { return tf.ones([n, 2]); }`;
    const messages = await run({
      kind: 'values',
      code,
      calls: [
        { name: 'area', args: [2, 3], key: 'area#small' },
        { name: 'area', args: [10, 10], key: 'area#big' },
        { name: 'grid', args: [3] },
      ],
    });
    const artifact = messages.find((m) => m.type === 'artifact') as { values?: unknown } | undefined;
    expect(artifact?.values).toEqual({
      'area#small': 6,
      'area#big': 100,
      grid: { shape: [3, 2], values: [1, 1, 1, 1, 1, 1] },
    });
  });
});

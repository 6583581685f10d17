import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { formatSummary, summarizeModel } from './model-summary.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Document 000, 5.1: the first MNIST convnet; the document prints 93,322 parameters. */
function firstConvnet(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

describe('summarizeModel', () => {
  it("reproduces document 000's summary figures", () => {
    const summary = summarizeModel(firstConvnet());
    expect(summary.totalParams).toBe(93_322);
    expect(summary.trainableParams).toBe(93_322);
    expect(summary.nonTrainableParams).toBe(0);
    expect(summary.rows.map((r) => r.outputShape)).toEqual([
      [null, 26, 26, 32],
      [null, 13, 13, 32],
      [null, 11, 11, 64],
      [null, 5, 5, 64],
      [null, 3, 3, 64],
      [null, 576],
      [null, 64],
      [null, 10],
    ]);
    expect(summary.rows.map((r) => r.params)).toEqual([320, 0, 18_496, 0, 36_928, 0, 36_928, 650]);
  });

  it('counts batch-norm moving statistics as non-trainable', () => {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [4], units: 8 }), tfl.layers.batchNormalization()],
    });
    const summary = summarizeModel(model);
    expect(summary.nonTrainableParams).toBe(16);
    expect(summary.trainableParams).toBe(40 + 16);
  });

  it('prints a Keras-style table', () => {
    const text = formatSummary(summarizeModel(firstConvnet()));
    expect(text).toMatch(/Layer \(type\)\s+Output Shape\s+Param #/);
    expect(text).toMatch(/\(None, 26, 26, 32\)\s+320/);
    expect(text).toContain('Total params: 93,322');
    expect(text).toContain('Non-trainable params: 0');
  });
});

describe('a layer applied twice (document 004, LeNet5 reuses one pooling layer)', () => {
  it('lists the layer once, with one output shape per call, where TF.js has no single outputShape', () => {
    const pool = tfl.layers.maxPooling2d({ poolSize: 2 });
    const input = tfl.input({ shape: [28, 28, 1] });
    let x = pool.apply(tfl.layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same' }).apply(input)) as tfl.SymbolicTensor;
    x = pool.apply(tfl.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'same' }).apply(x)) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: tfl.layers.flatten().apply(x) as tfl.SymbolicTensor });
    expect(() => pool.outputShape).toThrow();
    const summary = summarizeModel(model);
    expect(summary.rows.map((r) => r.className)).toEqual(['InputLayer', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Flatten']);
    expect(summary.rows[2]!.outputShape).toEqual([
      [null, 14, 14, 6],
      [null, 7, 7, 16],
    ]);
    expect(formatSummary(summary)).toContain('(None, 14, 14, 6), (None, 7, 7, 16)');
    model.dispose();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { serializeModel } from '../src/runtime/model-artifacts.ts';
import type { Submission } from '../src/runtime/protocol.ts';
import { customCheck, expectAccuracy, expectLayers, expectParams, expectTrainableWeights, expectValues, testAccuracy, toNumeric } from './checks.ts';
import { gradeSubmission, runFailureReport, unavailableResultOf, type GradingEnvironment } from './grade.ts';
import { formatReport } from './node/grade-file.ts';
import { DatasetError } from '../src/data/loader.ts';
import { call, defineGrader, GraderDefinitionError, UNGRADED, type HeldOutSet } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A 4×4×1 input, one 3×3 conv with 2 filters (20 parameters), flatten, dense to 3 classes (27 parameters). */
function smallModel(padding: 'valid' | 'same' = 'valid'): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 3, padding, activation: 'relu' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

/** A held-out set the model classifies perfectly when it predicts class 0 for everything. */
const allZeros = (n: number): HeldOutSet => ({ xs: tf.zeros([n, 4, 4, 1]) as tf.Tensor4D, ys: tf.zeros([n]) as tf.Tensor1D, count: n });

function env(testSet: (n: number) => HeldOutSet = allZeros): GradingEnvironment {
  return { tf, quick: false, loadTestSet: async (_name, n) => testSet(n), loadTrainingSet: async (_name, n) => testSet(n), loadPretrained: () => Promise.reject(new Error('no models here')) };
}

async function modelSubmission(model: tfl.LayersModel): Promise<Submission> {
  const submission: Submission = { kind: 'model', model: await serializeModel(model) };
  model.dispose();
  return submission;
}

const exercise = { id: 'small', points: 5 };
const layers = expectLayers([
  { className: 'Conv2D', outputShape: [null, 2, 2, 2], params: 20, config: { kernelSize: 3, padding: 'valid' } },
  { className: 'Flatten', outputShape: [null, 8] },
  { className: 'Dense', outputShape: [null, 3], params: 27, config: { activation: 'softmax' } },
]);

describe('model checks', () => {
  it('pass on the expected structure and name the layer at fault otherwise', async () => {
    const spec = defineGrader({ checks: [layers, expectParams({ total: 47, trainable: 47, nonTrainable: 0 })] });
    const right = await gradeSubmission(exercise, spec, await modelSubmission(smallModel()), env());
    expect(right.passed).toBe(true);
    expect(right.score).toBe(5);

    const wrong = await gradeSubmission(exercise, spec, await modelSubmission(smallModel('same')), env());
    const failed = wrong.results.filter((r) => !r.passed).map((r) => r.id);
    expect(failed).toEqual(['layer.1.outputShape', 'layer.1.config.padding', 'layer.2.outputShape', 'layer.3.params', 'params.total', 'params.trainable']);
    expect(wrong.results.find((r) => r.id === 'layer.1.outputShape')?.message).toContain('1번째 Conv2D의 출력 (None, 4, 4, 2) — 기대값 (None, 2, 2, 2)');
    expect(wrong.score).toBe(0);
  });

  it('give structure hints in stages: a nudge, then the learner\'s own numbers in the formula', async () => {
    const spec = defineGrader({ checks: [layers, expectParams({ total: 47 })] });
    const wrong = await gradeSubmission(exercise, spec, await modelSubmission(smallModel('same')), env());
    const result = (id: string) => wrong.results.find((r) => r.id === id);
    expect(result('layer.1.outputShape')).toMatchObject({
      hint: "padding='valid'인지 확인하세요 (same 패딩은 크기를 유지합니다).",
      laterHints: ["이 층의 출력 높이: 입력 4, kernelSize 3, strides 1, padding 'same' → ⌈4 / 1⌉ = 4. 기대한 높이는 2입니다. 너비도 같은 식입니다."],
    });
    // Flatten inherits the first layer's mistake: its last stage says so before its own arithmetic.
    expect(result('layer.2.outputShape')?.hint).toBe('Flatten의 출력 크기는 앞 층의 출력 모양이 정합니다. 앞 층들의 출력 모양부터 확인하세요.');
    expect(result('layer.2.outputShape')?.laterHints).toEqual([
      '이 층의 입력(앞 층의 출력)이 이미 (None, 4, 4, 2)로, 기대한 (None, 2, 2, 2)와 다릅니다. 위에서 처음 ✗가 난 층부터 고치세요. 이 층: Flatten의 출력 크기 = 입력의 높이 × 너비 × 채널 = 4 × 4 × 2 = 32. 기대값 8이(가) 되려면 앞 층들의 출력 모양부터 맞추세요.',
    ]);
    expect(result('layer.3.params')?.laterHints?.[0]).toMatch(/^이 층: 32\(입력 크기\)·3 \+ 3\(편향\) = 99\./);
    expect(result('params.total')?.laterHints).toEqual(['지금 모델의 층별 파라미터: Conv2D 20 + Flatten 0 + Dense 99 = 119. 파라미터가 가장 많은 층부터 레슨의 표와 비교하세요.']);
    // A check with one hint has no later stages.
    expect(result('layer.1.config.padding')?.laterHints).toBeUndefined();
  });

  it('count trainable weight tensors of a model with a frozen nested base, after the trip to the grader', async () => {
    // A pretrained base used as one layer, as the documents do with VGG16: freezing it must survive serialization.
    const transfer = (freeze: boolean) => {
      const input = tfl.input({ shape: [4, 4, 1] });
      const conv = tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'block1_conv1' }).apply(input) as tfl.SymbolicTensor;
      const base = tfl.model({ inputs: input, outputs: conv, name: 'base' });
      if (freeze) base.trainable = false;
      return tfl.sequential({ layers: [base, tfl.layers.flatten(), tfl.layers.dense({ units: 4 }), tfl.layers.dense({ units: 1 })] });
    };
    const spec = defineGrader({ checks: [expectTrainableWeights(4), expectParams({ total: 20 + 36 + 5, trainable: 36 + 5, nonTrainable: 20 })] });
    const frozen = await gradeSubmission(exercise, spec, await modelSubmission(transfer(true)), env());
    expect(frozen.results.map((r) => [r.id, r.passed])).toEqual([['trainableWeights', true], ['params.total', true], ['params.trainable', true], ['params.nonTrainable', true]]);
    const unfrozen = await gradeSubmission(exercise, spec, await modelSubmission(transfer(false)), env());
    expect(unfrozen.results[0]).toMatchObject({ id: 'trainableWeights', passed: false, actual: '6', expected: '4' });
    expect(unfrozen.results[0]!.hint).toContain('trainable = false');
  });

  it('report a wrong layer order once, at the first layer that differs', async () => {
    const spec = defineGrader({ checks: [layers] });
    const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dense({ units: 3 })] });
    const report = await gradeSubmission(exercise, spec, await modelSubmission(model), env());
    expect(report.results).toEqual([expect.objectContaining({ id: 'layers.sequence', passed: false, message: '1번째 층이 Flatten입니다. Conv2D이(가) 와야 합니다.' })]);
  });

  it('measure accuracy on the set the grader loads', async () => {
    const accuracy = expectAccuracy({ dataset: 'mnist', samples: 8, min: 0.5 });
    const spec = defineGrader({ checks: [accuracy] });
    // Zero weights: every class equally likely, argMax picks class 0, which every label is here.
    const zeroModel = smallModel();
    zeroModel.setWeights(zeroModel.getWeights().map((w) => tf.zerosLike(w)));
    const submission = await modelSubmission(zeroModel);
    expect((await gradeSubmission(exercise, spec, submission, env())).passed).toBe(true);
    const ones = (n: number): HeldOutSet => ({ xs: tf.zeros([n, 4, 4, 1]) as tf.Tensor4D, ys: tf.ones([n]) as tf.Tensor1D, count: n });
    const failed = await gradeSubmission(exercise, spec, submission, env(ones));
    expect(failed.results[0]).toMatchObject({ id: 'accuracy', passed: false, actual: '0.0%', expected: '≥ 50.0%' });
  });

  it('say there is no model when the submission has none', async () => {
    const report = await gradeSubmission(exercise, defineGrader({ checks: [layers] }), { kind: 'none' }, env());
    expect(report.results[0]).toMatchObject({ passed: false, message: expect.stringContaining('채점할 모델이 없습니다') });
  });

  it('in the structure phase, run only structure checks and list the rest as not run when the structure is wrong', async () => {
    const spec = defineGrader({ checks: [layers, expectAccuracy({ dataset: 'mnist', samples: 4, min: 0.5 })] });
    const good = await gradeSubmission(exercise, spec, await modelSubmission(smallModel()), env(), 'structure');
    expect(good.passed).toBe(true);
    expect(good.results.some((r) => r.id === 'accuracy')).toBe(false);
    const bad = await gradeSubmission(exercise, spec, await modelSubmission(smallModel('same')), env(), 'structure');
    expect(bad.passed).toBe(false);
    expect(bad.results.at(-1)).toMatchObject({ id: 'accuracy', passed: false, message: expect.stringContaining('학습하지 않았으므로') });
  });

  it('leave no tensors behind', async () => {
    const spec = defineGrader({ checks: [layers, expectParams({ total: 47 }), expectAccuracy({ dataset: 'mnist', samples: 4, min: 0 })] });
    const submission = await modelSubmission(smallModel());
    await gradeSubmission(exercise, spec, submission, env());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await gradeSubmission(exercise, spec, submission, env());
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('values checks', () => {
  const square = expectValues({ id: 'square', title: '제곱', call: { name: 'square', args: [3] }, expected: 9, tolerance: 0 });
  const grid = expectValues({ id: 'grid', title: '격자', call: { name: 'grid', args: [2] }, expected: [[1, 2], [3, 4]], tolerance: 1e-6 });
  const spec = defineGrader({ checks: [square, grid] });

  it('declare their calls, keyed by the check id', () => {
    expect(spec.calls).toEqual([
      { key: 'square', name: 'square', args: [3] },
      { key: 'grid', name: 'grid', args: [2] },
    ]);
  });

  it('accept numbers, nested arrays and typed-array tensors alike, and fail on shape or value', async () => {
    const values = { square: 9, grid: { shape: [2, 2], values: new Float32Array([1, 2, 3, 4]) } };
    expect((await gradeSubmission(exercise, spec, { kind: 'values', values }, env())).passed).toBe(true);
    const wrongShape = await gradeSubmission(exercise, spec, { kind: 'values', values: { square: 9, grid: [1, 2, 3, 4] } }, env());
    expect(wrongShape.results[1]).toMatchObject({ passed: false, message: '격자: grid()의 결과 모양이 [4]입니다. [2, 2]이어야 합니다.' });
    const wrongValue = await gradeSubmission(exercise, spec, { kind: 'values', values: { square: 8, grid: [[1, 2], [3, 4]] } }, env());
    expect(wrongValue.results[0]).toMatchObject({ passed: false, expected: '9', actual: '8' });
    const missing = await gradeSubmission(exercise, spec, { kind: 'values', values: {} }, env());
    expect(missing.results.every((r) => !r.passed && r.message.includes('반환하지 않았습니다'))).toBe(true);
  });

  it('let several checks share a call, and refuse one key for two different calls', () => {
    const shared = call('shared', 'f', [1]);
    const a = customCheck('a', 'A', () => ({ passed: true, message: '' }), { calls: [shared] });
    const b = customCheck('b', 'B', () => ({ passed: true, message: '' }), { calls: [shared] });
    expect(defineGrader({ checks: [a, b] }).calls).toEqual([shared]);
    const clash = customCheck('c', 'C', () => ({ passed: true, message: '' }), { calls: [call('shared', 'f', [2])] });
    expect(() => defineGrader({ checks: [a, clash] })).toThrow(GraderDefinitionError);
    expect(() => defineGrader({ checks: [a, a] })).toThrow(/두 번/);
  });

  it('turn any numeric shape into row-major values', () => {
    expect(toNumeric([[1, 2, 3], [4, 5, 6]])).toEqual({ shape: [2, 3], values: Float64Array.from([1, 2, 3, 4, 5, 6]) });
    expect(toNumeric([[1, 2], [3]])).toBeUndefined();
    expect(toNumeric('9')).toBeUndefined();
  });
});

describe('reports without checks', () => {
  it('an ungraded exercise passes when the code ran', async () => {
    const report = await gradeSubmission({ id: 'playground', points: 0 }, UNGRADED, { kind: 'none' }, env());
    expect(report.results).toEqual([expect.objectContaining({ id: 'run', passed: true })]);
  });

  it('a run that failed is one failed run check that says why, with the line', () => {
    const report = runFailureReport(exercise, { status: 'failed', error: { phase: 'syntax', message: '문법 오류 (2번째 줄): 예상하지 못한 기호', location: { line: 2 } } });
    expect(report).toMatchObject({ passed: false, score: 0, results: [{ id: 'run', passed: false, message: '코드를 실행하지 못했습니다: 문법 오류 (2번째 줄): 예상하지 못한 기호' }] });
    expect(runFailureReport(exercise, { status: 'timeout', limitMs: 30_000 }).results[0]?.message).toContain('30초');
  });
});

describe('an opt-in dataset that is not here', () => {
  const spec = defineGrader({ checks: [layers, expectAccuracy({ dataset: 'cifar10', samples: 10, min: 0.5 })] });

  it('makes the checks that need the run unavailable, neither passed nor failed, with how to import it', async () => {
    const report = await gradeSubmission(exercise, spec, { kind: 'unavailable', dataset: 'cifar10' }, env());
    expect(report).toMatchObject({ passed: false, score: 0 });
    expect(report.results).toEqual([
      {
        id: 'accuracy',
        title: '테스트 정확도',
        passed: false,
        unavailable: 'cifar10',
        message: '테스트 정확도: 채점할 수 없습니다 — 이 사이트에는 CIFAR-10 데이터셋이 없습니다.',
        hint: expect.stringContaining('npm run data -- --cifar10 <내려받은 cifar-10-binary.tar.gz 경로>'),
      },
    ]);
    expect(unavailableResultOf(report)?.id).toBe('accuracy');
  });

  it("makes the accuracy check unavailable when the grader's own test split is missing, the structure still graded", async () => {
    const missing = () => {
      throw new DatasetError('이 사이트에는 CIFAR-10 데이터셋이 없습니다.', 'missing', { dataset: 'cifar10' });
    };
    const report = await gradeSubmission(exercise, spec, await modelSubmission(smallModel()), env(missing));
    expect(report.passed).toBe(false);
    expect(report.results.filter((r) => !r.passed)).toEqual([expect.objectContaining({ id: 'accuracy', unavailable: 'cifar10' })]);
    expect(report.results.filter((r) => r.passed).length).toBeGreaterThan(0);
    // Any other failure to load stays an error of the check.
    const broken = await gradeSubmission(exercise, spec, await modelSubmission(smallModel()), env(() => { throw new DatasetError('HTTP 500', 'http'); }));
    expect(broken.results.find((r) => r.id === 'accuracy')).toMatchObject({ passed: false, message: '검사 중 오류가 났습니다: HTTP 500' });
    expect(unavailableResultOf(broken)).toBeUndefined();
  });

  it('reads as not gradable in the terminal, not as a failure', async () => {
    const report = await gradeSubmission(exercise, spec, { kind: 'unavailable', dataset: 'cifar10' }, env());
    const text = formatReport(report);
    expect(text).toContain('– 테스트 정확도: 채점할 수 없습니다');
    expect(text).toContain('안내: ');
    expect(text.split('\n').at(-1)).toBe('채점할 수 없음 — 1개 검사에 필요한 데이터가 없습니다 (점수 없음)');
  });
});

describe('testAccuracy', () => {
  it('reads one sigmoid unit as class 1 above 0.5, not as the argMax of a single column', () => {
    // Output = sigmoid(x): inputs 2 and −2 give 0.88 and 0.12, so classes 1 and 0.
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1], activation: 'sigmoid', kernelInitializer: 'ones', biasInitializer: 'zeros' })] });
    const xs = tf.tensor2d([[2], [-2], [3]]);
    expect(testAccuracy(tf, model, { xs: xs as unknown as tf.Tensor4D, ys: tf.tensor1d([1, 0, 1]) })).toBeCloseTo(1);
    expect(testAccuracy(tf, model, { xs: xs as unknown as tf.Tensor4D, ys: tf.tensor1d([0, 0, 0]) })).toBeCloseTo(1 / 3);
  });
});

import { describe, expect, it } from 'vitest';
import type { RunHooks, Runner } from '../src/runtime/host.ts';
import type { ExerciseSettings, GradePhase, GradeReport, RunOutcome, RunSpec, Submission } from '../src/runtime/protocol.ts';
import { runAndGrade, type Grader } from './run-and-grade.ts';

const TRAIN: ExerciseSettings = { id: 'cnn', kind: 'train', points: 20, timeLimitMs: 1_000, gradeTimeLimitMs: 1_000, dataset: { name: 'mnist', trainSize: 10, validationSize: 2, seed: 1 } };
const MODEL = { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(8) };

/** A runner that reports a built model (when asked to pause), then ends as scripted. */
class ScriptedRunner implements Runner {
  specs: RunSpec[] = [];
  trained = false;
  constructor(private readonly end: RunOutcome) {}
  async run(spec: RunSpec, hooks: RunHooks): Promise<RunOutcome> {
    this.specs.push(spec);
    if (spec.pauseAfterBuild && hooks.onBuilt && !(await hooks.onBuilt(MODEL))) return { status: 'stopped' };
    this.trained = spec.kind === 'train';
    return this.end;
  }
  stop(): void {}
}

class RecordingGrader implements Grader {
  calls: { phase: GradePhase; submission: Submission }[] = [];
  constructor(private readonly structurePasses: boolean) {}
  async grade(target: { id: string; points: number }, submission: Submission, phase: GradePhase): Promise<GradeReport> {
    this.calls.push({ phase, submission });
    if (submission.kind === 'unavailable') {
      return { exerciseId: target.id, passed: false, score: 0, points: target.points, elapsedMs: 0, results: [{ id: 'accuracy', title: '', passed: false, unavailable: submission.dataset, message: '' }] };
    }
    const passed = phase === 'all' || this.structurePasses;
    return { exerciseId: target.id, passed, score: passed ? target.points : 0, points: target.points, elapsedMs: 0, results: [{ id: `${phase}.check`, title: '', passed, message: '' }] };
  }
}

const done: RunOutcome = { status: 'done', elapsedMs: 5, submission: { kind: 'model', model: MODEL } };

describe('runAndGrade', () => {
  it('grades the structure before training and stops a wrong one without training', async () => {
    const runner = new ScriptedRunner(done);
    const grader = new RecordingGrader(false);
    const { outcome, report } = await runAndGrade(TRAIN, 'code', { runner, grader, backend: 'wasm', baseUrl: '/' });
    expect(runner.specs[0]?.pauseAfterBuild).toBe(true);
    expect(runner.trained).toBe(false);
    expect(outcome.status).toBe('stopped');
    expect(grader.calls.map((c) => c.phase)).toEqual(['structure']);
    expect(report?.results[0]?.id).toBe('structure.check');
  });

  it('trains a right structure and grades the trained model', async () => {
    const runner = new ScriptedRunner(done);
    const grader = new RecordingGrader(true);
    const { report } = await runAndGrade(TRAIN, 'code', { runner, grader, backend: 'wasm', baseUrl: '/' });
    expect(runner.trained).toBe(true);
    expect(grader.calls.map((c) => c.phase)).toEqual(['structure', 'all']);
    expect(report?.passed).toBe(true);
  });

  it('reports a run that failed as a failed run check, without asking the grader', async () => {
    const grader = new RecordingGrader(true);
    const failed: RunOutcome = { status: 'failed', error: { phase: 'runtime', message: '3번째 줄에서 오류: boom', location: { line: 3 } } };
    const { report } = await runAndGrade({ ...TRAIN, kind: 'values' }, 'code', { runner: new ScriptedRunner(failed), grader, backend: 'cpu', baseUrl: '/' });
    expect(grader.calls).toEqual([]);
    expect(report?.results).toEqual([expect.objectContaining({ id: 'run', passed: false, message: expect.stringContaining('3번째 줄에서 오류: boom') })]);
  });

  it('only runs without a grader, and passes the calls on for a values exercise', async () => {
    const runner = new ScriptedRunner(done);
    const result = await runAndGrade({ ...TRAIN, kind: 'values' }, 'code', { runner, backend: 'cpu', baseUrl: '/', calls: { url: '/exercises/x/calls.json' } });
    expect(result.report).toBeUndefined();
    expect(runner.specs[0]).toMatchObject({ pauseAfterBuild: false, calls: { url: '/exercises/x/calls.json' } });
  });

  it('reports a run whose opt-in dataset is missing as unavailable, keeping the structure results', async () => {
    const unavailable: RunOutcome = { status: 'unavailable', dataset: 'cifar10', message: '이 사이트에는 CIFAR-10 데이터셋이 없습니다.' };
    const grader = new RecordingGrader(true);
    const { outcome, report } = await runAndGrade({ ...TRAIN, dataset: { name: 'cifar10', trainSize: 10, validationSize: 2, seed: 1 } }, 'code', { runner: new ScriptedRunner(unavailable), grader, backend: 'wasm', baseUrl: '/' });
    expect(outcome).toEqual(unavailable);
    expect(grader.calls.map((c) => [c.phase, c.submission.kind])).toEqual([
      ['structure', 'model'],
      ['all', 'unavailable'],
    ]);
    expect(report?.passed).toBe(false);
    expect(report?.results).toEqual([expect.objectContaining({ id: 'structure.check', passed: true }), expect.objectContaining({ id: 'accuracy', passed: false, unavailable: 'cifar10' })]);
  });

  it('still stops a wrong structure before the data is needed, with or without it', async () => {
    const unavailable: RunOutcome = { status: 'unavailable', dataset: 'cifar10', message: '' };
    const { report } = await runAndGrade(TRAIN, 'code', { runner: new ScriptedRunner(unavailable), grader: new RecordingGrader(false), backend: 'wasm', baseUrl: '/' });
    expect(report?.results).toEqual([expect.objectContaining({ id: 'structure.check', passed: false })]);
  });

  it('gives no report for a run the learner stopped', async () => {
    const { report } = await runAndGrade(TRAIN, 'code', { runner: new ScriptedRunner({ status: 'stopped' }), grader: new RecordingGrader(true), backend: 'cpu', baseUrl: '/' });
    expect(report).toBeUndefined();
  });
});

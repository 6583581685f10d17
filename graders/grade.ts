/**
 * Grades one submission: rebuilds the learner's model from its serialized artifact (never from
 * learner code), runs every check of the exercise's grader, and totals the points.
 * The browser's grader worker and the Node CLI both call this.
 */
import type * as tfCore from '@tensorflow/tfjs-core';
import type * as tfLayers from '@tensorflow/tfjs-layers';
import { loadDataset, type LoadOptions } from '../src/data/loader.ts';
import { summarizeModel } from '../src/runtime/model-summary.ts';
import type { ModelArtifact } from '../src/runtime/protocol.ts';
import type { CheckResult, GraderSpec, HeldOutSet } from './types.ts';

export interface Submission {
  model?: ModelArtifact;
  values?: Record<string, unknown>;
}

export interface GradeReport {
  exerciseId: string;
  passed: boolean;
  /** Points earned: all of the exercise's points when every check passes, else none. */
  score: number;
  points: number;
  results: CheckResult[];
  elapsedMs: number;
}

export interface GradingEnvironment {
  tf: typeof tfCore;
  layers: typeof tfLayers;
  loadTestSet(name: string, count: number): Promise<HeldOutSet>;
  loadTrainingSet(name: string, count: number, seed: number): Promise<HeldOutSet>;
  quick: boolean;
}

/**
 * The grading environment's datasets: the course's own files under `source.baseUrl`, read with
 * `source.fetch` where given (the Node CLI reads them from disk).
 */
export function gradingDatasets(source: Pick<LoadOptions, 'baseUrl' | 'fetch'>): Pick<GradingEnvironment, 'loadTestSet' | 'loadTrainingSet'> {
  const load = async (name: string, options: Omit<LoadOptions, 'baseUrl' | 'fetch'>): Promise<HeldOutSet> => {
    const { xs, ys } = await loadDataset(name, { ...options, ...source });
    return { xs, ys, count: xs.shape[0] };
  };
  return {
    loadTestSet: (name, count) => load(name, { split: 'test', subset: count }),
    loadTrainingSet: (name, count, seed) => load(name, { split: 'train', subset: count, shuffleSeed: seed }),
  };
}

export async function gradeSubmission(
  exerciseId: string,
  points: number,
  spec: GraderSpec,
  submission: Submission,
  env: GradingEnvironment,
): Promise<GradeReport> {
  const started = performance.now();
  let model: tfLayers.LayersModel | undefined;
  const results: CheckResult[] = [];
  if (submission.model) {
    try {
      const { modelTopology, weightSpecs, weightData } = submission.model;
      model = await env.layers.loadLayersModel(
        env.tf.io.fromMemory({ modelTopology, weightSpecs: weightSpecs as tfCore.io.WeightsManifestEntry[], weightData }),
      );
    } catch (error) {
      results.push({
        id: 'model.load',
        title: '모델 불러오기',
        passed: false,
        message: `제출한 모델을 다시 만들 수 없습니다: ${(error as Error).message}`,
        hint: 'tf.layers의 기본 층만 썼는지 확인하세요.',
      });
    }
  }
  const context = {
    tf: env.tf,
    ...(model ? { model, summary: summarizeModel(model) } : {}),
    ...(submission.values ? { values: submission.values } : {}),
    loadTestSet: env.loadTestSet,
    loadTrainingSet: env.loadTrainingSet,
    quick: env.quick,
  };
  for (const check of spec.checks) {
    try {
      results.push(...(await check.run(context)));
    } catch (error) {
      results.push({ id: check.id, title: check.title, passed: false, message: `검사 중 오류가 났습니다: ${(error as Error).message}` });
    }
  }
  model?.dispose();
  const passed = results.length > 0 && results.every((r) => r.passed);
  return { exerciseId, passed, score: passed ? points : 0, points, results, elapsedMs: performance.now() - started };
}

/**
 * The grader worker. It never runs learner code: it rebuilds the learner's model from the
 * artifact the exercise worker produced, loads the held-out test split itself, and runs the
 * exercise's checks. Learner code runs in another worker (another realm), so nothing it patches
 * can reach this one.
 */
import * as tfCore from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import { initBackend, type ActiveBackend } from '../runtime/worker/backend.ts';
import { gradeSubmission, gradingDatasets } from '../../graders/grade.ts';
import type { GraderSpec } from '../../graders/types.ts';
import type { GradeRequest, GradeResponse } from '../runtime/protocol.ts';

const graders = import.meta.glob<{ default: GraderSpec }>('/content/exercises/*/grader.ts');
let backend: Promise<ActiveBackend> | undefined;

self.addEventListener('message', (event: MessageEvent<GradeRequest>) => {
  if (event.data?.type === 'grade') void grade(event.data);
});

async function grade(request: GradeRequest): Promise<void> {
  const reply = (response: GradeResponse) => self.postMessage(response);
  try {
    backend ??= initBackend('auto', () => {});
    const active = await backend;
    const load = graders[`/content/exercises/${request.exerciseId}/grader.ts`];
    if (!load) throw new Error(`실습 '${request.exerciseId}'의 채점기(grader.ts)가 없습니다.`);
    const spec = (await load()).default;
    const report = await gradeSubmission(request.exerciseId, request.points, spec, request.submission, {
      tf: tfCore,
      layers: tfLayers,
      quick: false,
      ...gradingDatasets({ baseUrl: `${request.baseUrl}data/` }),
    });
    reply({ type: 'graded', requestId: request.requestId, report, backend: active.name });
  } catch (error) {
    reply({ type: 'grade-error', requestId: request.requestId, message: (error as Error).message });
  }
}

/**
 * The grader worker. It never runs learner code: it rebuilds the learner's model from the
 * submission the exercise worker produced, loads the held-out test split itself, and runs the
 * exercise's checks. Learner code runs in another worker (another realm), so nothing it patches
 * can reach this one.
 */
import * as tfCore from '@tensorflow/tfjs-core';
import { initBackend, type ActiveBackend } from '../../src/runtime/worker/backend.ts';
import type { GradeRequest, GradeResponse } from '../../src/runtime/protocol.ts';
import { gradeSubmission, gradingDatasets, gradingModels } from '../grade.ts';
import { UNGRADED, type GraderSpec } from '../types.ts';

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
    const spec = load ? (await load()).default : UNGRADED;
    const report = await gradeSubmission({ id: request.exerciseId, points: request.points }, spec, request.submission, {
      tf: tfCore,
      quick: false,
      ...gradingDatasets({ baseUrl: `${request.baseUrl}data/` }),
      ...gradingModels({ baseUrl: `${request.baseUrl}models/` }),
    }, request.phase);
    const { numTensors, numBytes } = tfCore.memory();
    reply({ type: 'graded', requestId: request.requestId, report, backend: active.name, memory: { numTensors, numBytes } });
  } catch (error) {
    reply({ type: 'grade-error', requestId: request.requestId, message: (error as Error).message });
  }
}

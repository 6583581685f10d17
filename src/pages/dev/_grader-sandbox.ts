/**
 * The grader sandbox's script: one `BrowserGrader`, as an exercise page has, on `window` for the
 * browser tests (time limit and worker replacement, memory over many gradings).
 */
import { BrowserGrader } from '../../../graders/browser/grader-host.ts';
import type { GradePhase, GradeReport, Submission } from '../../runtime/protocol.ts';

declare global {
  interface Window {
    graderSandbox?: {
      grade(target: { id: string; points: number; gradeTimeLimitMs: number }, submission: Submission, phase?: GradePhase): Promise<GradeReport>;
      memory(): { numTensors: number; numBytes: number } | undefined;
    };
  }
}

const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
const grader = new BrowserGrader(base);
window.graderSandbox = {
  grade: (target, submission, phase = 'all') => grader.grade(target, submission, phase),
  memory: () => grader.lastMemory,
};

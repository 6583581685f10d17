/**
 * What `npm run check:exercises` concludes from one grading: the starter must fail, the solution
 * pass, a wrong variant fail the check it names. A check that could not be graded because its
 * opt-in dataset is not here (CIFAR-10 not imported) decides nothing: when what could be graded
 * does not settle the expectation, the expectation is skipped, neither met nor broken.
 */
import type { GradeReport } from '../src/runtime/protocol.ts';

export type Expectation = 'pass' | 'fail' | { fail: string };
export type SelfCheckStatus = 'ok' | 'failed' | 'skipped';

/** The ids of the checks that failed, leaving out those that could not be graded. */
export function failedCheckIds(report: GradeReport): string[] {
  return report.results.filter((r) => !r.passed && !r.unavailable).map((r) => r.id);
}

export function selfCheck(report: GradeReport, expectation: Expectation): SelfCheckStatus {
  const failing = failedCheckIds(report);
  const unavailable = report.results.some((r) => r.unavailable);
  if (expectation === 'pass') {
    if (failing.length > 0) return 'failed';
    if (unavailable) return 'skipped';
    return report.passed ? 'ok' : 'failed';
  }
  const met = expectation === 'fail' ? failing.length > 0 : failing.includes(expectation.fail);
  if (met) return 'ok';
  return unavailable ? 'skipped' : 'failed';
}

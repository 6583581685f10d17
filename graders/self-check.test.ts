import { describe, expect, it } from 'vitest';
import type { CheckResult, GradeReport } from '../src/runtime/protocol.ts';
import { failedCheckIds, selfCheck } from './self-check.ts';

const result = (id: string, passed: boolean, unavailable = false): CheckResult => ({ id, title: id, passed, message: '', ...(unavailable ? { unavailable: 'cifar10' as const } : {}) });
const report = (...results: CheckResult[]): GradeReport => ({ exerciseId: 'x', passed: results.every((r) => r.passed), score: 0, points: 10, results, elapsedMs: 0 });

const passed = report(result('layers.sequence', true), result('accuracy', true));
const structureWrong = report(result('layers.sequence', false), result('accuracy', false));
const noData = report(result('layers.sequence', true), result('accuracy', false, true));
const ranNot = report(result('run', false));

describe('selfCheck', () => {
  it('leaves checks that lacked their data out of the failures', () => {
    expect(failedCheckIds(noData)).toEqual([]);
    expect(failedCheckIds(structureWrong)).toEqual(['layers.sequence', 'accuracy']);
  });

  it('a solution passes, fails, or is skipped when only its data was missing', () => {
    expect(selfCheck(passed, 'pass')).toBe('ok');
    expect(selfCheck(structureWrong, 'pass')).toBe('failed');
    expect(selfCheck(noData, 'pass')).toBe('skipped');
    expect(selfCheck(report(result('layers.sequence', false), result('accuracy', false, true)), 'pass')).toBe('failed');
  });

  it('a starter or wrong variant fails as expected whenever what could be graded shows it', () => {
    expect(selfCheck(structureWrong, 'fail')).toBe('ok');
    expect(selfCheck(passed, 'fail')).toBe('failed');
    expect(selfCheck(noData, 'fail')).toBe('skipped');
    expect(selfCheck(structureWrong, { fail: 'layers.sequence' })).toBe('ok');
    expect(selfCheck(ranNot, { fail: 'run' })).toBe('ok');
    expect(selfCheck(noData, { fail: 'run' })).toBe('skipped');
    expect(selfCheck(passed, { fail: 'accuracy' })).toBe('failed');
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateModule, LearnerCodeError, locateInLearnerCode, requireExport, transpile } from './learner-module.ts';

async function errorOf(fn: () => unknown): Promise<LearnerCodeError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof LearnerCodeError) return error;
    throw error;
  }
  throw new Error('expected a LearnerCodeError');
}

describe('learner modules', () => {
  it('keeps every line where the learner wrote it', () => {
    const source = ['import * as tf from "@tensorflow/tfjs";', 'const a: number = 1;', '', 'export function f(x: number): number {', '  return x + a;', '}'].join('\n');
    expect(transpile(source).split('\n')).toHaveLength(source.split('\n').length);
  });

  it('reports a syntax error with its line and a Korean message', async () => {
    const error = await errorOf(() => transpile('const a = 1;\nconst b = ;\n'));
    expect(error.phase).toBe('syntax');
    expect(error.location?.line).toBe(2);
    expect(error.message).toMatch(/문법 오류 \(2번째 줄\)/);
  });

  it('locates a runtime error at the learner line that threw', async () => {
    const exports = await evaluateModule('export function f() {\n  const x = 1;\n  return (null as any).boom;\n}\n', {});
    let caught: unknown;
    try {
      requireExport<() => unknown>(exports, 'f')();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect(locateInLearnerCode(caught)?.line).toBe(3);
  });

  it('resolves only the allowed modules', async () => {
    const tf = { marker: 42 };
    const exports = await evaluateModule('import * as tf from "@tensorflow/tfjs";\nexport const m = (tf as any).marker;', { '@tensorflow/tfjs': tf });
    expect(exports['m']).toBe(42);
    const error = await errorOf(() => evaluateModule('import fs from "fs";\nexport const x = fs;', { '@tensorflow/tfjs': tf }));
    expect(error.phase).toBe('contract');
    expect(error.message).toContain("'fs' 모듈은 실습에서 쓸 수 없습니다");
  });

  it('names a missing export and a non-function export', async () => {
    expect((await errorOf(() => requireExport({}, 'buildModel'))).message).toContain("'buildModel' 함수를 내보내지 않았습니다");
    expect((await errorOf(() => requireExport({ buildModel: 3 }, 'buildModel'))).message).toContain('함수여야 합니다');
  });

  it('runs top-level await and locates errors thrown after it', async () => {
    const source = ['await Promise.resolve();', 'export const ready = true;', 'throw new Error("late");'].join('\n');
    const error = await evaluateModule(source, {}).catch((e: unknown) => e);
    expect(locateInLearnerCode(error)?.line).toBe(3);
  });
});

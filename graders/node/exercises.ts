/**
 * Exercise folders read from disk for the Node tools: metadata (validated with the same schema
 * the site uses), sources, wrong variants and the grader.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { exerciseSchema, type ExerciseMeta } from '../../src/schemas/exercise.ts';
import type { GraderSpec } from '../types.ts';

export const EXERCISES_DIR = fileURLToPath(new URL('../../content/exercises/', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

export interface WrongVariant {
  file: string;
  code: string;
  /** The check id this variant must fail, from its first-line comment `// expect-fail: <check id>`. */
  expectFail: string;
}

export interface ExerciseFolder {
  id: string;
  dir: string;
  meta: ExerciseMeta;
  task: string;
  starter: string;
  solution: string;
  wrong: WrongVariant[];
  grader: GraderSpec;
}

export class ExerciseFolderError extends Error {}

export function listExerciseIds(): string[] {
  return readdirSync(EXERCISES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(EXERCISES_DIR, d.name, 'index.md')))
    .map((d) => d.name)
    .sort();
}

export async function loadExercise(id: string): Promise<ExerciseFolder> {
  const dir = join(EXERCISES_DIR, id);
  if (!existsSync(join(dir, 'index.md'))) {
    throw new ExerciseFolderError(`실습 '${id}'이(가) 없습니다. 가능한 id: ${listExerciseIds().join(', ')}`);
  }
  const source = readFileSync(join(dir, 'index.md'), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new ExerciseFolderError(`${id}/index.md에 frontmatter(--- ... ---)가 없습니다.`);
  const parsed = exerciseSchema.safeParse(load(match[1] ?? ''));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(전체)'}: ${i.message}`).join('\n');
    throw new ExerciseFolderError(`${id}/index.md의 메타데이터가 올바르지 않습니다:\n${issues}\n힌트: docs/authoring.md의 "실습 메타데이터" 절을 보세요.`);
  }
  const read = (file: string) => {
    if (!existsSync(join(dir, file))) throw new ExerciseFolderError(`실습 '${id}'에 ${file}이(가) 없습니다.`);
    return readFileSync(join(dir, file), 'utf8');
  };
  const wrongDir = join(dir, 'wrong');
  const wrong = existsSync(wrongDir)
    ? readdirSync(wrongDir)
        .filter((f) => f.endsWith('.ts'))
        .sort()
        .map((file) => {
          const code = readFileSync(join(wrongDir, file), 'utf8');
          const expectFail = /^\/\/\s*expect-fail:\s*(\S+)/.exec(code)?.[1];
          if (!expectFail) throw new ExerciseFolderError(`${id}/wrong/${file}의 첫 줄에 '// expect-fail: <검사 id>'가 필요합니다.`);
          return { file, code, expectFail };
        })
    : [];
  const grader = ((await import(pathToFileURL(join(dir, 'grader.ts')).href)) as { default?: GraderSpec }).default;
  if (!grader) throw new ExerciseFolderError(`${id}/grader.ts가 defineGrader({...})를 export default 하지 않습니다.`);
  const starter = read('starter.ts');
  const solution = read('solution.ts');
  if (starter.trim() === solution.trim()) throw new ExerciseFolderError(`실습 '${id}'의 starter.ts와 solution.ts가 같습니다.`);
  return { id, dir, meta: parsed.data, task: match[2] ?? '', starter, solution, wrong, grader };
}

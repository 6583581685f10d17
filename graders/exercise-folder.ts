/**
 * The one exercise loader and validator. An exercise is a folder under content/exercises/:
 * `index.md` (metadata + task), `starter.ts`, `solution.ts`, `grader.ts` (graded exercises only)
 * and `wrong/*.ts`. The site's content loader (src/content.config.ts, at build time) and the Node
 * tools (check:exercises, grade) both read folders here, so a bad exercise fails `astro build` and
 * `check:exercises` with the same message and hint.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { exerciseSchema, exerciseSettings, type ExerciseMeta } from '../src/schemas/exercise.ts';
import type { ExerciseSettings } from '../src/runtime/protocol.ts';
import { RUN_RESULT_ID, UNGRADED, type GraderSpec } from './types.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const EXERCISES_DIR = join(ROOT, 'content/exercises');
export const LESSONS_DIR = join(ROOT, 'content/lessons');

export interface WrongVariant {
  file: string;
  code: string;
  /** The check result this variant must fail, from its first-line comment `// expect-fail: <result id>`. */
  expectFail: string;
}

export interface Exercise {
  id: string;
  dir: string;
  meta: ExerciseMeta;
  settings: ExerciseSettings;
  /** The task text (Markdown, the body of index.md). */
  task: string;
  starter: string;
  solution: string;
  wrong: WrongVariant[];
  /** `UNGRADED` for an exercise worth no points. */
  grader: GraderSpec;
}

const HINT = '힌트: docs/authoring.md의 "실습 폴더" 절을 보세요.';

export class ExerciseFolderError extends Error {
  constructor(
    readonly exerciseId: string,
    readonly problems: string[],
  ) {
    super(`실습 '${exerciseId}' (content/exercises/${exerciseId}/)에 문제가 있습니다:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${HINT}`);
    this.name = 'ExerciseFolderError';
  }
}

export function listExerciseIds(dir = EXERCISES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.md')))
    .map((d) => d.name)
    .sort();
}

export interface LoadOptions {
  exercises?: string;
  lessons?: string;
  /**
   * The module of `<folder>/grader.ts`, where the caller has imported it already (the site's
   * content config imports every grader through Vite; Node imports the file itself).
   */
  graderModule?: (id: string) => { default?: GraderSpec } | undefined;
}

/** Reads and validates one exercise folder, its grader included; throws `ExerciseFolderError` listing every problem. */
export async function loadExercise(id: string, dirs: LoadOptions = {}): Promise<Exercise> {
  const exercisesDir = dirs.exercises ?? EXERCISES_DIR;
  const dir = join(exercisesDir, id);
  if (!existsSync(join(dir, 'index.md'))) {
    throw new ExerciseFolderError(id, [`index.md가 없습니다. 있는 실습: ${listExerciseIds(exercisesDir).join(', ')}`]);
  }
  const problems: string[] = [];
  const read = (file: string): string => {
    if (existsSync(join(dir, file))) return readFileSync(join(dir, file), 'utf8');
    problems.push(`${file}이(가) 없습니다.`);
    return '';
  };

  const source = readFileSync(join(dir, 'index.md'), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new ExerciseFolderError(id, ['index.md에 frontmatter(--- ... ---)가 없습니다.']);
  const parsed = exerciseSchema.safeParse(load(match[1] ?? ''));
  if (!parsed.success) {
    throw new ExerciseFolderError(id, parsed.error.issues.map((i) => `index.md의 ${i.path.join('.') || '메타데이터'}: ${i.message}`));
  }
  const meta = parsed.data;
  const starter = read('starter.ts');
  const solution = read('solution.ts');
  if (starter && starter.trim() === solution.trim()) problems.push('starter.ts와 solution.ts가 같습니다. 시작 코드는 채점을 통과하지 않아야 합니다.');

  const wrong = readWrongVariants(dir, problems);
  const grader = await importGrader(id, dir, meta, problems, dirs.graderModule);
  // Without a grader (reported above) there is nothing a wrong variant could fail.
  for (const variant of grader === UNGRADED ? [] : wrong) {
    if (variant.expectFail !== RUN_RESULT_ID && !grader.checks.some((c) => c.reports(variant.expectFail))) {
      problems.push(`wrong/${variant.file}의 expect-fail '${variant.expectFail}'은(는) 이 채점기가 내는 검사 결과가 아닙니다. 검사 id: ${[RUN_RESULT_ID, ...grader.checks.map((c) => c.id)].join(', ')}`);
    }
  }
  if (meta.kind === 'values' && meta.points > 0 && grader.calls.length === 0) {
    problems.push("kind가 'values'인데 채점기의 검사가 학습자 함수를 하나도 부르지 않습니다. expectValues의 call이나 customCheck의 calls로 호출을 선언하세요.");
  }
  if (meta.kind !== 'values' && grader.calls.length > 0) problems.push(`kind가 '${meta.kind}'이면 함수 호출(calls)을 쓸 수 없습니다. kind를 'values'로 바꾸세요.`);
  problems.push(...lessonProblems(id, meta.lesson, dirs.lessons ?? LESSONS_DIR));

  if (problems.length > 0) throw new ExerciseFolderError(id, problems);
  return { id, dir, meta, settings: exerciseSettings(id, meta), task: match[2] ?? '', starter, solution, wrong, grader };
}

function readWrongVariants(dir: string, problems: string[]): WrongVariant[] {
  const wrongDir = join(dir, 'wrong');
  if (!existsSync(wrongDir)) return [];
  return readdirSync(wrongDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .flatMap((file) => {
      const code = readFileSync(join(wrongDir, file), 'utf8');
      const expectFail = /^\/\/\s*expect-fail:\s*(\S+)/.exec(code)?.[1];
      if (!expectFail) {
        problems.push(`wrong/${file}의 첫 줄에 '// expect-fail: <검사 결과 id>'가 필요합니다.`);
        return [];
      }
      return [{ file, code, expectFail }];
    });
}

async function importGrader(id: string, dir: string, meta: ExerciseMeta, problems: string[], imported?: LoadOptions['graderModule']): Promise<GraderSpec> {
  const file = join(dir, 'grader.ts');
  if (!existsSync(file)) {
    if (meta.points > 0) problems.push(`점수가 ${meta.points}점인 실습에 grader.ts가 없습니다. defineGrader({ checks: [...] })를 export default 하세요 (채점하지 않는 실습은 points: 0).`);
    return UNGRADED;
  }
  if (meta.points === 0) problems.push('points가 0인 실습(채점하지 않음)에 grader.ts가 있습니다. 지우거나 점수를 주세요.');
  try {
    const module = imported ? imported(id) : ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: GraderSpec });
    const grader = module?.default;
    if (grader?.checks && grader.calls) return grader;
    problems.push('grader.ts가 defineGrader({...})의 결과를 export default 하지 않습니다.');
  } catch (error) {
    problems.push(`grader.ts를 불러오지 못했습니다: ${(error as Error).message}`);
  }
  return UNGRADED;
}

/** The exercise's `lesson:` must name a lesson page that embeds it with `<Exercise id="…" />`. */
function lessonProblems(id: string, lesson: string, lessonsDir: string): string[] {
  const file = ['.mdx', '.md'].map((ext) => join(lessonsDir, `${lesson}${ext}`)).find((f) => existsSync(f));
  if (!file) return [`lesson: '${lesson}'에 해당하는 레슨이 없습니다 (content/lessons/${lesson}.mdx).`];
  const embeds = new RegExp(`<Exercise\\s+id=["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`).test(readFileSync(file, 'utf8'));
  return embeds ? [] : [`lesson: '${lesson}' 레슨에 <Exercise id="${id}" />가 없습니다. 레슨에 넣거나 lesson 값을 고치세요.`];
}

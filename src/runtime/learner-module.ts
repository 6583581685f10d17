/**
 * Turns the learner's TypeScript into a callable module. Sucrase strips types and rewrites
 * imports to `require` while keeping every line where it was, so a line in a stack trace or a
 * parse error is the learner's line, with no source map to consult.
 */
import { transform } from 'sucrase';
import type { SourceLocation } from './protocol.ts';

export const LEARNER_FILE = 'exercise.ts';

export class LearnerCodeError extends Error {
  constructor(
    message: string,
    readonly phase: 'syntax' | 'runtime' | 'contract',
    readonly location?: SourceLocation,
  ) {
    super(message);
    this.name = 'LearnerCodeError';
  }
}

export type ModuleExports = Record<string, unknown>;

/** How many lines `new Function` puts before the body, measured once rather than assumed. */
let BODY_LINE_OFFSET = (() => {
  try {
    new Function(`throw new Error('probe');\n//# sourceURL=probe.ts`)();
  } catch (error) {
    const match = /probe\.ts:(\d+)/.exec(String((error as Error).stack));
    if (match?.[1] !== undefined) return Number(match[1]) - 1;
  }
  return 2;
})();

/** The learner's line of the innermost stack frame in their file, if any. */
export function locateInLearnerCode(error: unknown): SourceLocation | undefined {
  const stack = error instanceof Error ? String(error.stack) : '';
  const match = new RegExp(`${LEARNER_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { line: Number(match[1]) - BODY_LINE_OFFSET, column: Number(match[2]) };
}

export function transpile(code: string): string {
  try {
    return transform(code, { transforms: ['typescript', 'imports'], production: true, filePath: LEARNER_FILE }).code;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const detail = (error as Error).message.replace(/\s*\(\d+:\d+\)\s*$/, '');
    throw new LearnerCodeError(
      `문법 오류${loc ? ` (${loc.line}번째 줄)` : ''}: ${translateSyntaxMessage(detail)}`,
      'syntax',
      loc ? { line: loc.line, column: loc.column + 1 } : undefined,
    );
  }
}

function translateSyntaxMessage(message: string): string {
  if (/^Unexpected token/.test(message)) return `예상하지 못한 기호가 있습니다. 괄호, 쉼표, 세미콜론을 확인하세요. (${message})`;
  if (/Unterminated string/.test(message)) return `문자열이 닫히지 않았습니다. (${message})`;
  if (/Unterminated template/.test(message)) return `템플릿 문자열이 닫히지 않았습니다. (${message})`;
  return message;
}

/** Learner files may use top-level `await` (e.g. `await model.fit(...)` in a script). */
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor;

/** The learner's module as a function of the CommonJS bindings Sucrase's output uses. */
export type LearnerFactory = (require: unknown, exports: unknown, module: unknown) => Promise<void>;

/** Turns transpiled JS into a `LearnerFactory`; `filename` is the name stack traces should show. */
export interface LearnerCompiler {
  compile(js: string, filename: string): LearnerFactory;
  /** How many lines the compiled function puts before the learner's line 1 in stack traces. */
  bodyLineOffset: number;
}

let compiler: LearnerCompiler = {
  compile: (js, filename) => new AsyncFunction('require', 'exports', 'module', `${js}\n//# sourceURL=${filename}`) as LearnerFactory,
  bodyLineOffset: BODY_LINE_OFFSET,
};

/**
 * Replaces how learner JS becomes a function, for the rest of this realm's life. The CLI's
 * sandbox uses vm.compileFunction: it works under --disallow-code-generation-from-strings and,
 * given no import callback, refuses import(). This module stays free of Node imports because
 * the browser's worker uses it too.
 */
export function useLearnerCompiler(next: LearnerCompiler): void {
  compiler = next;
  BODY_LINE_OFFSET = next.bodyLineOffset;
}

/**
 * Evaluates the transpiled module with `require` resolving only the modules the course allows.
 * Runs top-level learner code, so call it only on an explicit Run or Grade.
 */
export async function evaluateModule(code: string, modules: Record<string, unknown>): Promise<ModuleExports> {
  const js = transpile(code);
  const exports: ModuleExports = {};
  const module = { exports };
  const require = (name: string): unknown => {
    if (Object.hasOwn(modules, name)) return modules[name];
    throw new LearnerCodeError(
      `'${name}' 모듈은 실습에서 쓸 수 없습니다. 가져올 수 있는 모듈: ${Object.keys(modules).map((m) => `'${m}'`).join(', ')}`,
      'contract',
    );
  };
  let factory: LearnerFactory;
  try {
    factory = compiler.compile(js, LEARNER_FILE);
  } catch (error) {
    // Sucrase parses the whole file first, so this is rare: JS-level syntax it let through.
    throw new LearnerCodeError(`문법 오류: ${(error as Error).message}`, 'syntax');
  }
  await factory(require, exports, module);
  return module.exports;
}

/** The exported function `name`, or a contract error saying what the exercise expects. */
export function requireExport<T extends (...args: never[]) => unknown>(exports: ModuleExports, name: string): T {
  const value = exports[name];
  if (typeof value !== 'function') {
    throw new LearnerCodeError(
      value === undefined
        ? `'${name}' 함수를 내보내지 않았습니다. 'export function ${name}(...)' 형태로 선언하세요.`
        : `'${name}'은(는) 함수여야 합니다 (지금은 ${typeof value}).`,
      'contract',
    );
  }
  return value as T;
}

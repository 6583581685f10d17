/**
 * What learner code is told when a sandbox refuses it something: the browser's exercise worker
 * (worker/test-split-guard.ts) and the CLI's sandboxed child process (node/sandbox-child.ts)
 * say the same about the test split. No browser or Node imports: execute.ts, which runs in
 * both, turns these errors into the run's message.
 */

export const TEST_SPLIT_MESSAGE =
  '테스트 데이터는 채점기만 읽을 수 있습니다. 학습에는 course의 loadTrainingData()가 주는 훈련·검증 데이터를 쓰세요. (채점이 공정하려면 모델이 테스트 이미지를 보지 않아야 합니다.)';

export const NETWORK_MESSAGE = '실습 코드에서는 네트워크에 접근할 수 없습니다. 학습 데이터는 course의 loadTrainingData()로 받으세요.';

/** `…/data/<dataset>/test-….u8`, with or without a query. */
export function isTestSplitUrl(url: string): boolean {
  return /\/data\/[^/?#]+\/test-[^/?#]*(?:[?#]|$)/.test(url);
}

/** The URL a fetch-like call asks for: a string, a URL or a Request (or anything with `url`). */
export function requestUrl(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return String((input as { url?: unknown } | null)?.url ?? input);
}

/** The code of every refusal the sandbox throws itself (rather than Node's permission model). */
export const SANDBOX_DENIED = 'ERR_SANDBOX_DENIED';

export class SandboxDenied extends Error {
  readonly code = SANDBOX_DENIED;
  constructor(message: string) {
    super(message);
    this.name = 'SandboxDenied';
  }
}

/** `data/mnist/test-images.u8` (or a Windows path) → `test-images.u8`. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * A clear message for the ways a sandbox says no, or undefined for any other error: the
 * sandbox's own refusals, Node's permission model (`ERR_ACCESS_DENIED`), import() in code
 * compiled without an import callback, and eval under --disallow-code-generation-from-strings.
 */
export function describeDenial(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; permission?: unknown; resource?: unknown; name?: unknown; message?: unknown };
  if (e.code === SANDBOX_DENIED && typeof e.message === 'string') return e.message;
  if (e.code === 'ERR_ACCESS_DENIED') {
    const resource = typeof e.resource === 'string' ? e.resource : '';
    const file = resource ? `파일 '${fileName(resource)}'` : '파일';
    switch (e.permission) {
      case 'FileSystemRead':
        return /(?:^|[\\/])test-[^\\/]*$/.test(resource)
          ? `${file}을(를) 읽을 수 없습니다. ${TEST_SPLIT_MESSAGE}`
          : `${file}을(를) 읽을 수 없습니다. 실습 코드는 파일을 읽을 수 없습니다. 학습에는 course의 loadTrainingData()가 주는 훈련·검증 데이터를 쓰세요.`;
      case 'FileSystemWrite':
        return `${file}에 쓸 수 없습니다. 실습 코드는 파일을 쓸 수 없습니다.`;
      case 'ChildProcess':
        return '실습 코드는 다른 프로그램을 실행할 수 없습니다.';
      case 'WorkerThreads':
        return '실습 코드는 워커 스레드를 만들 수 없습니다.';
      default:
        return `실습 코드에서 쓸 수 없는 기능입니다 (${String(e.permission ?? e.message)}).`;
    }
  }
  if (e.code === 'ERR_DLOPEN_DISABLED') return '실습 코드는 네이티브 모듈을 불러올 수 없습니다.';
  if (e.code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING' || e.code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG') {
    return "실습 코드에서는 import()를 쓸 수 없습니다. 파일 맨 위의 'import ... from'으로 '@tensorflow/tfjs'와 'course'만 가져오세요.";
  }
  if (e.name === 'EvalError' && /code generation from strings disallowed/i.test(String(e.message))) {
    return '실습 코드에서는 eval()과 new Function()을 쓸 수 없습니다.';
  }
  return undefined;
}

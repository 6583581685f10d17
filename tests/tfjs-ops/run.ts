/**
 * Runs TF.js's own op specs (shipped in @tensorflow/tfjs-core's dist/ as jasmine specs) on the
 * wasm backend with the course's training kernels registered: the conformance suite the kernels
 * in src/runtime/wasm-kernels/ must keep green. The specs import each other without extensions,
 * so they are bundled with esbuild (one copy of tfjs-core: its ESM files, which the specs import
 * relatively) and run with jasmine-core.
 *
 *   npx tsx tests/tfjs-ops/run.ts [--filter <substring>] [--json]
 *
 * Every spec runs. Exit code 0 when each spec passes, or fails both here and on stock wasm (run
 * in a child process) and is on the exclusion list; 1 otherwise. --json prints the statuses only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { EXCLUSIONS, excluded } from './exclusions.ts';
import { engineHasRelaxedSimd } from '../../src/runtime/wasm-kernels/_simd.ts';

/** The op spec files of tfjs-core that exercise the kernels the course adds or replaces. */
export const SPEC_FILES = [
  'conv2d_test.js',
  'conv2d_transpose_test.js',
  'depthwise_conv2d_test.js',
  'max_pool_test.js',
  'avg_pool_test.js',
  'batchnorm_test.js',
  'sum_test.js',
  'mean_test.js',
  'tile_test.js',
  'mat_mul_test.js',
];

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const coreDist = join(dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist');
const wasmDist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

interface SpecResult {
  fullName: string;
  status: string;
  failedExpectations: { message: string }[];
}

async function bundle(outFile: string): Promise<void> {
  const entry = [`import ${JSON.stringify(join(here, 'setup.ts'))};`, ...SPEC_FILES.map((f) => `import ${JSON.stringify(join(coreDist, 'ops', f))};`)].join('\n');
  await build({
    stdin: { contents: entry, resolveDir: here, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // tfjs-core's ESM build for everyone (the specs import its files relatively); its "main" is a
    // second, separately bundled copy whose engine would not see the backend.
    mainFields: ['module', 'main'],
    // tfjs-core declares itself free of side effects, which would drop the spec files' imports.
    ignoreAnnotations: true,
    define: { WASM_DIR: JSON.stringify(wasmDist) },
    outfile: outFile,
    logLevel: 'error',
  });
}

/** Runs the bundled specs in this process; returns each spec's full name and status. */
async function runSpecs(bundled: string, filter: string | undefined): Promise<{ results: SpecResult[]; seconds: number }> {
  const jasmineRequire = require('jasmine-core/lib/jasmine-core/jasmine.js');
  const jasmine = jasmineRequire.core(jasmineRequire);
  const env = jasmine.getEnv();
  Object.assign(globalThis, jasmineRequire.interface(jasmine, env));
  jasmine.DEFAULT_TIMEOUT_INTERVAL = 60_000;
  // A fixed order, so a failure reproduces.
  env.configure({ random: false, ...(filter ? { specFilter: (spec: { getFullName(): string }) => spec.getFullName().includes(filter) } : {}) });
  const results: SpecResult[] = [];
  env.addReporter({ specDone: (result: SpecResult) => results.push(result) });
  require(bundled);
  const started = performance.now();
  await env.execute();
  return { results, seconds: (performance.now() - started) / 1000 };
}

/** The same specs on stock tfjs-backend-wasm, in a child process (a jasmine env runs once). */
function stockStatuses(filter: string | undefined): Map<string, string> {
  const args = [process.argv[1]!, '--json', ...(filter ? ['--filter', filter] : [])];
  const child = spawnSync(process.execPath, [...process.execArgv, ...args], { env: { ...process.env, TFJS_OPS_STOCK: '1' }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`the stock run printed no results (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  return new Map(Object.entries(JSON.parse(line) as Record<string, string>));
}

/** Which build of the SIMD loops this engine runs. */
const loopsBuild = () => (engineHasRelaxedSimd() ? 'SIMD loops with fused multiply-adds' : 'SIMD loops with separate multiplies and adds');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { filter: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const dir = mkdtempSync(join(tmpdir(), 'tfjs-ops-'));
  try {
    const bundled = join(dir, 'specs.cjs');
    await bundle(bundled);
    const { results, seconds } = await runSpecs(bundled, values.filter);
    const ran = results.filter((r) => r.status === 'passed' || r.status === 'failed');
    if (values.json) {
      console.log(JSON.stringify(Object.fromEntries(ran.map((r) => [r.fullName, r.status]))));
      return 0;
    }

    const stock = stockStatuses(values.filter);
    const problems: string[] = [];
    let passed = 0;
    let expectedFailures = 0;
    for (const r of ran) {
      const exclusion = excluded(r.fullName);
      const reason = r.failedExpectations.map((e) => e.message.split('\n')[0]).join('; ');
      if (!exclusion) {
        if (r.status === 'passed') passed++;
        else problems.push(`FAIL ${r.fullName}\n  ${reason}${stock.get(r.fullName) === 'passed' ? '\n  (passes on stock wasm: a bug of the course kernels)' : ''}`);
      } else if (r.status === 'passed') {
        problems.push(`PASSES BUT EXCLUDED (remove its exclusion): ${r.fullName}`);
      } else if (stock.get(r.fullName) !== 'failed') {
        problems.push(`EXCLUDED BUT ONLY OURS FAILS (stock wasm: ${stock.get(r.fullName) ?? 'not run'}; a bug of ours, not a stock limit): ${r.fullName}\n  ${reason}`);
      } else {
        expectedFailures++;
      }
    }
    if (!values.filter) {
      for (const e of EXCLUSIONS) if (!ran.some((r) => r.fullName.includes(e.match))) problems.push(`exclusion matches no spec (remove it): ${e.match}`);
    }
    // WASM_FUSED=1 (as for vitest): the run is meant for the fused build, and must not quietly test the other.
    if (process.env.WASM_FUSED === '1' && !engineHasRelaxedSimd()) problems.push('WASM_FUSED=1, but this Node lacks relaxed SIMD (run it with --experimental-wasm-relaxed-simd)');
    for (const p of problems) console.log(p);
    console.log(`TF.js op specs on wasm with the course's kernels (${loopsBuild()}): ${passed} passed, ${expectedFailures} excluded (fail on stock wasm too, reasons in tests/tfjs-ops/exclusions.ts), ${problems.length} problems; ${SPEC_FILES.length} spec files, ${seconds.toFixed(1)} s`);
    return problems.length === 0 && ran.length > 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

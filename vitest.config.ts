import { defineConfig } from 'vitest/config';

/**
 * WASM_FUSED=1: the test processes get relaxed SIMD (Node 20 has it behind a flag, which
 * NODE_OPTIONS refuses), so the wasm kernels run the SIMD loops' fused build, as browsers do, and
 * src/runtime/wasm-kernels/fused.test.ts insists on it. `npm test` runs the kernel tests both ways.
 */
const fused = process.env.WASM_FUSED === '1';

// Unit tests live beside the code they test (`*.test.ts`); browser tests are Playwright's (tests/e2e).
export default defineConfig({
  test: {
    include: ['{src,graders,scripts,bench}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the data and kernel suites are memory- and CPU-heavy, so files run one at a time.
    fileParallelism: false,
    ...(fused ? { pool: 'forks', poolOptions: { forks: { execArgv: ['--experimental-wasm-relaxed-simd'] } } } : {}),
  },
});

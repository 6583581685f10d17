import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they test (`*.test.ts`); browser tests are Playwright's (tests/e2e).
export default defineConfig({
  test: {
    include: ['{src,graders,scripts,bench}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the data and kernel suites are memory- and CPU-heavy, so files run one at a time.
    fileParallelism: false,
  },
});

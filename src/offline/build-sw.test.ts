import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableAssets } from './build-sw.ts';

describe('reachableAssets', () => {
  it('keeps the bundled files the pages can load, through chunks and workers, and drops the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reachable-'));
    mkdirSync(join(dir, '_astro'));
    mkdirSync(join(dir, 'lesson'));
    const files: Record<string, string> = {
      'lesson/index.html': '<script type="module" src="/base/_astro/page.Ab1.js"></script><link href="/base/_astro/site.Cd2.css">',
      '_astro/page.Ab1.js': 'import("./chunk-Ef3.js")',
      '_astro/chunk-Ef3.js': 'new Worker(new URL("runner.worker-Gh4.js", import.meta.url))',
      '_astro/runner.worker-Gh4.js': 'fetch("tfjs-backend-wasm-simd-Ij5.wasm")',
      '_astro/tfjs-backend-wasm-simd-Ij5.wasm': '\0asm',
      '_astro/site.Cd2.css': '@font-face{src:url(./font.Kl6.woff2)}',
      '_astro/font.Kl6.woff2': '',
      // Only a page left out of the precache loads these.
      '_astro/bench.worker-Mn7.js': 'fetch("tfjs-backend-wasm-simd-Ij5.wasm")',
      '_astro/unused.Op8.css': '',
      'exercises/a/calls.json': '{}',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const entries = Object.keys(files).map((url) => ({ url, revision: null, size: 1 }));
    const { manifest } = await reachableAssets(dir)(entries);
    expect(manifest.map((e) => e.url).sort()).toEqual(
      [
        'lesson/index.html',
        '_astro/page.Ab1.js',
        '_astro/chunk-Ef3.js',
        '_astro/runner.worker-Gh4.js',
        '_astro/tfjs-backend-wasm-simd-Ij5.wasm',
        '_astro/site.Cd2.css',
        '_astro/font.Kl6.woff2',
        'exercises/a/calls.json',
      ].sort(),
    );
  });
});

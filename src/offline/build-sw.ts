import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { injectManifest, type ManifestEntry, type ManifestTransform } from 'workbox-build';

/**
 * What a first visit precaches: every file of the built site except these. The datasets belong to
 * the dataset loader (it caches them itself, verified, on first use), the models are cached on first
 * use by the worker (4 MB that only a few lessons load), and the benchmark and developer pages are
 * not part of the course. KaTeX ships each font three times; every browser with service workers
 * reads woff2, so the ttf and woff copies would be dead weight.
 */
export const PRECACHE_IGNORES = ['sw.js', '_headers', 'data/**', 'models/**', 'bench/**', 'dev/**', '_astro/KaTeX_*.{ttf,woff}'];

/** Monaco's TypeScript worker is 6 MB; anything larger than this would be a mistake worth failing on. */
const MAXIMUM_FILE_BYTES = 8 * 1024 * 1024;

/** Files whose text may name other built assets. */
const TEXT = /\.(?:html|js|mjs|css)$/;

/**
 * Keeps only the bundled assets (`_astro/`) that the precached pages can load, following the
 * references from page to script to chunk, worker, wasm file and font. Vite gives every asset a
 * unique hashed name, so a name appearing in a file's text is a reference. This leaves out what only
 * the benchmark and developer pages load (their workers carry their own copies of TF.js).
 */
export function reachableAssets(outDir: string): ManifestTransform {
  return async (entries) => {
    const assets = new Map(entries.filter((e) => e.url.startsWith('_astro/')).map((e) => [e.url.slice('_astro/'.length), e]));
    const names = /[\w.-]+\.[a-z0-9]+/gi;
    const seen = new Set<string>();
    const queue = entries.filter((e) => !e.url.startsWith('_astro/') && TEXT.test(e.url)).map((e) => e.url);
    while (queue.length > 0) {
      const url = queue.pop()!;
      const text = await readFile(join(outDir, url), 'utf8');
      for (const [name] of text.matchAll(names)) {
        if (!assets.has(name) || seen.has(name)) continue;
        seen.add(name);
        if (TEXT.test(name)) queue.push(`_astro/${name}`);
      }
    }
    return { manifest: entries.filter((e) => !e.url.startsWith('_astro/') || seen.has(e.url.slice('_astro/'.length))) };
  };
}

export interface ServiceWorkerBuild {
  /** Files in the precache manifest. */
  count: number;
  /** Their total size in bytes: what a first visit downloads at install. */
  size: number;
  warnings: string[];
  manifest: ManifestEntry[];
}

/**
 * Writes `<outDir>/sw.js`: src/offline/sw.ts bundled with Workbox, and the precache manifest of the
 * built site injected into it (URLs relative to the worker, so a site under a sub-path works alike).
 * Run after Astro has written every page (the `astro:build:done` hook), since the pages are precached too.
 */
export async function buildServiceWorker(outDir: string): Promise<ServiceWorkerBuild> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./sw.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    // Workbox's development logging is behind this check.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const scratch = await mkdtemp(join(tmpdir(), 'cnn-course-sw-'));
  try {
    const swSrc = join(scratch, 'sw.js');
    await writeFile(swSrc, bundle.outputFiles[0]!.text);
    let manifest: ManifestEntry[] = [];
    const keep = reachableAssets(outDir);
    const result = await injectManifest({
      swSrc,
      swDest: join(outDir, 'sw.js'),
      globDirectory: outDir,
      globPatterns: ['**/*'],
      globIgnores: PRECACHE_IGNORES,
      // Hashed names change with their content: the URL is the revision.
      dontCacheBustURLsMatching: /^_astro\//,
      maximumFileSizeToCacheInBytes: MAXIMUM_FILE_BYTES,
      manifestTransforms: [
        keep,
        (entries) => {
          manifest = entries.map(({ url, revision }) => ({ url, revision }));
          return { manifest: entries };
        },
      ],
    });
    return { count: result.count, size: result.size, warnings: result.warnings, manifest };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

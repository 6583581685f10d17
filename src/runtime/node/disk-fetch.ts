/**
 * A `fetch` for Node that serves the prepared datasets from disk, so the browser's dataset
 * loader (src/data/loader.ts) runs unchanged in the CLI: `/data/mnist/manifest.json` is read
 * from `<dataDir>/mnist/manifest.json`.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

export function diskFetch(dataDir: string): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, 'file:///').pathname.replace(/^\/(?:.*\/)?data\//, '');
    try {
      const body = await readFile(join(dataDir, normalize(path).replace(/^(\.\.[/\\])+/, '')));
      return new Response(body, { status: 200, headers: { 'content-length': String(body.byteLength) } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof fetch;
}

/**
 * A `fetch` for Node that serves the site's files from disk, so the browser's loaders run
 * unchanged in the CLI: with `folder` 'data' (the default), `/data/mnist/manifest.json` is read from
 * `<dir>/mnist/manifest.json`; with 'models', `/models/course-vgg/model.json` from
 * `<dir>/course-vgg/model.json`, and `/models/index.json` is the folder's listing.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { readCatalog } from '../../pretrained/catalog.ts';
import { requestUrl } from '../sandbox-errors.ts';

export function diskFetch(dir: string, folder = 'data'): typeof fetch {
  const prefix = new RegExp(`^/(?:.*/)?${folder}/`);
  return (async (input: RequestInfo | URL) => {
    const path = new URL(requestUrl(input), 'file:///').pathname.replace(prefix, '');
    // The site makes models/index.json at build time; on disk it is the folder's listing.
    if (folder === 'models' && path === 'index.json') return Response.json(readCatalog(dir));
    try {
      const body = await readFile(join(dir, normalize(path).replace(/^(\.\.[/\\])+/, '')));
      return new Response(body, { status: 200, headers: { 'content-length': String(body.byteLength) } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof fetch;
}

import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/**
 * A plain static file server that sends no isolation headers, like GitHub Pages does:
 * the site must then become cross-origin isolated through its service worker. With
 * `isolationHeaders` it sends them, as Netlify does from `_headers`. `serve` swaps the folder it
 * serves (a new deployment at the same origin), `setDown` makes it drop every connection (the
 * network is gone), and `requests` lists every path asked of it.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

export interface StaticSite {
  url: string;
  close: () => Promise<void>;
  serve: (root: string) => void;
  setDown: (down: boolean) => void;
  requests: string[];
}

export async function serveStatic(root: string, base: string, options: { isolationHeaders?: boolean } = {}): Promise<StaticSite> {
  const requests: string[] = [];
  let down = false;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push(path);
      if (down) {
        req.socket.destroy();
        return;
      }
      if (!path.startsWith(base)) {
        res.writeHead(404).end();
        return;
      }
      let file = join(root, normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, ''));
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...(options.isolationHeaders ? ISOLATION_HEADERS : {}) }).end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    serve: (folder) => {
      root = folder;
    },
    setDown: (value) => {
      down = value;
    },
    requests,
  };
}

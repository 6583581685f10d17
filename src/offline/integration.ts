import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { SERVICE_WORKER_FILE, serviceWorkerRegistrationScript } from '../isolation.ts';
import { buildServiceWorker } from './build-sw.ts';

/**
 * What `astro dev` answers for the worker's URL. `npm start` serves the built site on the dev
 * server's port, so its worker may still control that origin and would hand the author precached
 * pages of the last build; the browser's update check on the next navigation fetches this instead,
 * which takes over at once, unregisters itself and reloads the open pages from the dev server.
 */
const RETIRING_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.registration.unregister()
  .then(() => self.clients.matchAll({ type: 'window' }))
  .then((clients) => Promise.all(clients.map((client) => client.navigate(client.url))))));
`;

/**
 * The offline course: every page of the built site registers the service worker and shows the
 * update notice; after the build, the worker is written with the precache manifest of what was
 * built. `astro dev` gets neither: a worker there would serve stale modules to a live-reloading
 * page, and the dev server sends the isolation headers itself.
 */
export function offlineCourse(base: string): AstroIntegration {
  return {
    name: 'cnn-course:offline',
    hooks: {
      'astro:config:setup': ({ command, injectScript }) => {
        if (command !== 'build') return;
        injectScript('head-inline', serviceWorkerRegistrationScript(base));
        injectScript('page', `import { watchForUpdates } from ${JSON.stringify(fileURLToPath(new URL('./update-notice.ts', import.meta.url)))}; watchForUpdates();`);
      },
      'astro:server:setup': ({ server }) => {
        const url = `${base.endsWith('/') ? base : `${base}/`}${SERVICE_WORKER_FILE}`;
        server.middlewares.use((req, res, next) => {
          if (req.url?.split('?')[0] !== url) return next();
          res.setHeader('content-type', 'text/javascript');
          res.end(RETIRING_WORKER);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const sw = await buildServiceWorker(fileURLToPath(dir));
        for (const warning of sw.warnings) logger.warn(warning);
        logger.info(`sw.js: ${sw.count} files precached, ${(sw.size / 1024 / 1024).toFixed(1)} MiB`);
      },
    },
  };
}

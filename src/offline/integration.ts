import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { serviceWorkerRegistrationScript } from '../isolation.ts';
import { buildServiceWorker } from './build-sw.ts';

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
      'astro:build:done': async ({ dir, logger }) => {
        const sw = await buildServiceWorker(fileURLToPath(dir));
        for (const warning of sw.warnings) logger.warn(warning);
        logger.info(`sw.js: ${sw.count} files precached, ${(sw.size / 1024 / 1024).toFixed(1)} MiB`);
      },
    },
  };
}

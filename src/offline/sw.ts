/**
 * The course's one service worker (built to `dist/sw.js` by src/offline/build-sw.ts). Only one worker
 * can control a scope, so it does two jobs:
 *
 * 1. Cross-origin isolation on hosts that cannot send headers (GitHub Pages): every same-origin
 *    response it hands the page, from the network or from a cache, carries COOP/COEP/CORP.
 * 2. The offline course: Workbox precaches the pages, their scripts (Monaco, the runtime, the TF.js
 *    wasm files), styles, fonts and the exercises' inputs at install; models are kept on first use;
 *    datasets stay with the dataset loader (src/data/loader.ts), which keeps its own verified copies.
 *
 * A new build changes the injected manifest, so the browser installs the new worker beside the old
 * one; it waits until the page's update notice (src/offline/update-notice.ts) asks it to take over.
 */
import { setCacheNameDetails, type WorkboxPlugin } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { isSkipWaiting } from './messages.ts';

/** The parts of the service worker scope this file uses (the project's lib is DOM, not WebWorker). */
interface ServiceWorkerScope {
  location: Location;
  registration: { scope: string; active: { scriptURL: string } | null };
  __WB_MANIFEST: (PrecacheEntry | string)[];
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: Event & { waitUntil(promise: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
declare const self: ServiceWorkerScope;

const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Adds the isolation headers to a response. A precached copy keeps the headers the host sent when
 * it was fetched, which on GitHub Pages are none: a page served from the cache without COEP would
 * lose isolation, so cached responses get them here too.
 */
function withIsolationHeaders(response: Response): Response {
  // Opaque responses have no readable headers to add to (and never come from our origin).
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const isolation: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => withIsolationHeaders(response),
};

const scopePath = new URL(self.registration.scope).pathname;
const sameOrigin = (url: URL) => url.origin === self.location.origin;
const under = (url: URL, folder: string) => sameOrigin(url) && url.pathname.startsWith(`${scopePath}${folder}`);

setCacheNameDetails({ prefix: 'cnn-course' });
addPlugins([isolation]);
precacheAndRoute(self.__WB_MANIFEST, {
  // `/lesson/` and `/lesson` (trailingSlash: 'ignore') are both the folder's index.html.
  urlManipulation: ({ url }) => (url.pathname.endsWith('/') ? [] : [new URL(`${url.pathname}/index.html`, url)]),
});
cleanupOutdatedCaches();

// Datasets: the loader fetches them itself (with 'no-cache') and keeps verified copies in its own
// cache, so the files pass through; only each dataset's small manifest.json is kept as well, because
// the loader always asks the server for it and offline it would otherwise find its cached files unreachable.
registerRoute(
  ({ url }) => under(url, 'data/') && url.pathname.endsWith('/manifest.json'),
  new NetworkFirst({ cacheName: 'cnn-course-data-manifests-v1', plugins: [isolation] }),
);
// Pretrained models (public/models/): fetched on first use, then served from the cache only offline,
// so a retrained model or one the learner placed there is picked up whenever the network is there.
registerRoute(({ url }) => under(url, 'models/'), new NetworkFirst({ cacheName: 'cnn-course-models-v1', plugins: [isolation] }));
// Everything else of ours (the datasets' files, the benchmark and developer pages) from the network,
// isolated. Chrome throws on 'only-if-cached' outside same-origin mode, so such requests are left alone.
registerRoute(
  ({ url, request }) => sameOrigin(url) && !(request.cache === 'only-if-cached' && request.mode !== 'same-origin'),
  new NetworkOnly({ plugins: [isolation] }),
);

self.addEventListener('install', () => {
  // The worker this one replaces may be the former isolation-only worker (coi-sw.js): it kept no
  // caches and served nothing stale, so there is nothing to wait for.
  if (self.registration.active?.scriptURL.endsWith('/coi-sw.js')) void self.skipWaiting();
});
// A first install takes the open pages at once: on a host without headers the page reloads into
// isolation as soon as this worker controls it (src/isolation.ts).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  if (event.data === 'claim') void self.clients.claim();
  else if (isSkipWaiting(event.data)) void self.skipWaiting();
});

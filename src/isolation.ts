/**
 * Cross-origin isolation: SharedArrayBuffer, and so the multi-threaded WASM backend, needs the page
 * to be served with these two headers. Our own servers (dev, preview, tests) send them; `_headers`
 * carries them to Netlify and Cloudflare Pages; hosts that cannot set headers (GitHub Pages) get them
 * from the course's service worker (src/offline/sw.ts), which also keeps the course for offline use.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The service worker's file name in the built site (src/offline/build-sw.ts writes it). */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * Inline <head> script of the built site: register the service worker (offline use, and isolation
 * where the host sent no headers). When the page is not isolated, reload once the worker controls
 * it, so the reloaded page comes with the headers the worker adds. The sessionStorage guard stops a
 * reload loop on browsers where the worker cannot help (e.g. private modes without SW).
 *
 * `register` may resolve to nothing: Playwright's `serviceWorkers: 'block'` replaces it so, and the
 * page then works exactly as one without service workers.
 */
export function serviceWorkerRegistrationScript(base: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `(() => {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return;
  const isolated = window.crossOriginIsolated;
  const key = 'coi-sw-reloaded';
  navigator.serviceWorker.register(${JSON.stringify(`${root}${SERVICE_WORKER_FILE}`)}, { scope: ${JSON.stringify(root)} }).then((reg) => {
    if (!reg || isolated) return;
    const reload = () => {
      if (sessionStorage.getItem(key)) return;
      sessionStorage.setItem(key, '1');
      location.reload();
    };
    if (navigator.serviceWorker.controller) reload();
    else navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
    if (reg.active && !navigator.serviceWorker.controller) reg.active.postMessage('claim');
  }).catch(() => {});
})();`;
}

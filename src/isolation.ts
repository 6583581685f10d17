/**
 * Cross-origin isolation: SharedArrayBuffer, and so the multi-threaded WASM backend, needs the page
 * to be served with these two headers. Our own servers (dev, preview, tests) send them; `_headers`
 * carries them to Netlify and Cloudflare Pages; hosts that cannot set headers (GitHub Pages) get them
 * from the service worker in public/coi-sw.js.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * Inline <head> script: when the page is not isolated (the host sent no headers), register the
 * service worker that adds them and reload once it controls the page. The sessionStorage guard
 * stops a reload loop on browsers where the worker cannot help (e.g. private modes without SW).
 */
export function coiRegistrationScript(base: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `(() => {
  if (window.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  const key = 'coi-sw-reloaded';
  navigator.serviceWorker.register(${JSON.stringify(`${root}coi-sw.js`)}, { scope: ${JSON.stringify(root)} }).then((reg) => {
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

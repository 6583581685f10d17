// Service worker that makes the site cross-origin isolated on hosts that cannot send headers
// (GitHub Pages). It re-issues every same-origin response with COOP/COEP/CORP added; the page
// registers it only when `crossOriginIsolated` is false, so hosts with real headers never use it.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  if (event.data === 'claim') self.clients.claim();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Chrome throws on this combination for cross-origin requests; leave them alone.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  if (new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      headers.set('Cross-Origin-Resource-Policy', 'same-origin');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});

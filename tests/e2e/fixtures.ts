import { test as base, expect } from '@playwright/test';

/**
 * Every browser test fails if the page asks anything of a host other than the site itself:
 * Monaco, fonts, wasm files and data must all be served locally.
 */
export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const own = new URL(baseURL ?? 'http://127.0.0.1').origin;
      const foreign: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol === 'data:' || url.protocol === 'blob:') return;
        if (url.origin !== own) foreign.push(request.url());
      });
      await use(foreign);
      expect(foreign, 'requests that left the site').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

import { test } from './fixtures.ts';

/**
 * Screenshots for a person to look at (test-results/screenshots/): desktop and phone, light and dark.
 * They assert nothing beyond loading without foreign requests; the point is the pictures.
 */
const pages = [
  { name: 'home', path: '/' },
  { name: 'intro', path: '/start/intro/' },
  { name: 'conv-components', path: '/building-blocks/conv-components/' },
  { name: 'fashion-cnn', path: '/building-blocks/fashion-cnn/' },
  { name: 'cnn-visualization', path: '/building-blocks/cnn-visualization/' },
  { name: 'deeper-cnn', path: '/building-blocks/deeper-cnn/' },
  { name: 'data-augmentation', path: '/building-blocks/data-augmentation/' },
];
const views = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

for (const { name, path } of pages) {
  for (const view of views) {
    for (const theme of ['light', 'dark'] as const) {
      test(`screenshot ${name} ${view.name} ${theme}`, async ({ page }) => {
        await page.setViewportSize({ width: view.width, height: view.height });
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        await page.goto(path);
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `test-results/screenshots/${name}-${view.name}-${theme}.png`, fullPage: view.name === 'desktop' });
      });
    }
  }
}

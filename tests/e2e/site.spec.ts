import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.ts';

test('home page lists every module and links the introduction', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/CNN 배우기/);
  expect(await page.getAttribute('html', 'lang')).toBe('ko');
  const modules = page.getByRole('list', { name: '코스 모듈' }).locator(':scope > li');
  await expect(modules).toHaveCount(5);
  await page.getByRole('link', { name: '코스 소개', exact: true }).first().click();
  await expect(page).toHaveURL(/\/start\/intro\/$/);
  await expect(page.getByRole('heading', { level: 1, name: '코스 소개' })).toBeVisible();
});

test('introduction renders its formulas with locally served KaTeX', async ({ page }) => {
  await page.goto('/start/intro/');
  const display = page.locator('.katex-display');
  await expect(display.first()).toBeVisible();
  expect(await display.count()).toBeGreaterThanOrEqual(2);
  // KaTeX renders to MathML + HTML; the visible HTML must use KaTeX's own fonts, loaded from this site.
  await page.evaluate(() => document.fonts.ready);
  const katexFontLoaded = await page.evaluate(() => document.fonts.check('16px KaTeX_Main'));
  expect(katexFontLoaded).toBe(true);
  await expect(page.locator('.katex-error')).toHaveCount(0);
});

test('search finds a Korean word from the introduction', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /검색/ }).first().click();
  const input = page.getByRole('searchbox').or(page.locator('.pagefind-ui__search-input')).first();
  // A word only the introduction and the playground use: the results list shows five pages at first.
  await input.fill('워커');
  const result = page.locator('.pagefind-ui__result-link').first();
  await expect(result).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.pagefind-ui__result-link[href$="/start/intro/"]')).toBeVisible();
});

test('served pages are cross-origin isolated', async ({ page }) => {
  for (const path of ['/', '/start/intro/']) {
    const response = await page.goto(path);
    expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  }
});

test('the course is installable: Chromium reads its manifest without errors, and its icons are served', async ({ page }) => {
  await page.goto('/start/intro/');
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data ?? '{}') as { short_name?: string; start_url?: string; icons?: { src: string; type: string }[] };
  expect(data.short_name).toBe('CNN 배우기');
  expect(new URL(data.start_url ?? '', manifest.url).pathname).toBe('/');
  expect(data.icons?.length).toBeGreaterThanOrEqual(2);
  for (const icon of data.icons ?? []) {
    const response = await page.request.get(new URL(icon.src, manifest.url).href);
    expect(response.ok(), icon.src).toBe(true);
    expect(response.headers()['content-type']).toContain(icon.type);
  }
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's browser contexts are incognito ones, where Chromium never offers to install.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('dark mode switch changes the theme and is remembered', async ({ page }) => {
  await page.goto('/start/intro/');
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('phone layout has no horizontal scroll and a menu button', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/start/intro/');
  await expect(page.getByRole('button', { name: /메뉴/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('no lesson renders an accidental strikethrough (two "0~1"-style ranges in a paragraph pair up as ~…~)', () => {
  // Read from the built pages themselves: loading ~50 pages in a browser only to look for <del> took a minute.
  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name === 'index.html') pages.push(join(dir, entry.name));
    }
  };
  walk(dist);
  const lessons = pages.filter((page) => relative(dist, page).split(sep).length === 3); // <module>/<lesson>/index.html
  expect(lessons.length).toBeGreaterThanOrEqual(40);
  for (const page of lessons) {
    const main = /<main[\s\S]*<\/main>/.exec(readFileSync(page, 'utf8'))?.[0] ?? '';
    expect(main, page).not.toBe('');
    expect([...main.matchAll(/<del>([\s\S]*?)<\/del>/g)].map((m) => m[1]), relative(dist, page)).toEqual([]);
  }
});

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { lowContrastCode } from './code-contrast.ts';

/**
 * Every page of the site, in light and dark theme: no serious or critical accessibility violation
 * (axe-core), no console error while it loads, and no horizontal scroll on a 390 px phone.
 * Each page loads once, in light; then the reader's theme picker switches it to dark, and axe checks
 * again what a theme changes: colours. (Every figure and the editor follow a switch at run time.)
 * Code blocks are left to a cheaper check of their own (code-contrast.ts: each token colour against
 * its background, in both themes), since axe spends most of its time on their thousands of token spans.
 * Screenshots (desktop full page, phone viewport) go to test-results/screenshots/ for a person to look at;
 * CI, where nobody looks, skips the full-page ones (a third of this spec's time on long lessons)
 * unless SCREENSHOTS=1.
 *
 * The pages come from the content folder, so a new lesson is checked without editing this file.
 */
const LESSONS = fileURLToPath(new URL('../../content/lessons/', import.meta.url));

function lessonPaths(): string[] {
  return readdirSync(LESSONS, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => /\.mdx?$/.test(file) && file !== '404.md')
    .map((file) => {
      const path = file.replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
      return path === '' ? '/' : `/${path}/`;
    })
    .sort();
}

/** Pages outside the content collection (src/pages/). */
const EXTRA_PATHS = ['/bench/', '/reproduction/'];
const paths = [...lessonPaths(), ...EXTRA_PATHS];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const FULL_PAGE_SCREENSHOTS = !process.env['CI'] || process.env['SCREENSHOTS'] === '1';
const screenshotName = (path: string) => path.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'home';

/** Console errors and uncaught exceptions, collected from the moment the page opens. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    const { url } = message.location();
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/**
 * An exercise near the top of a page (the playground) comes to life as the page loads; wait until
 * its editor is in place so every run checks the same page. Monaco's own editor widget is left out
 * of the check: this spec checks the course's markup, not the third-party editor.
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await nextFrame(page);
  await page.waitForFunction(() => [...document.querySelectorAll('.exercise[data-activated]')].every((e) => e.querySelector('.exercise-monaco')), undefined, { timeout: 30_000 });
}

/** The axe rules whose outcome depends on the colour theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

function nextFrame(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function seriousViolations(page: Page, rules?: string[]): Promise<string[]> {
  const axe = new AxeBuilder({ page }).exclude('.exercise-monaco').exclude('.expressive-code');
  const { violations } = await (rules ? axe.withRules(rules) : axe).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const targets = v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`);
      const more = v.nodes.length > 8 ? `\n    … ${v.nodes.length - 8}개 더` : '';
      return `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}\n${targets.join('\n')}${more}`;
    });
}

/** Elements whose right edge passes the viewport, outermost first, skipping those inside a clipping scroll box. */
async function overflowingElements(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== root && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const classes = [...el.classList].slice(0, 3).map((c) => `.${c}`).join('');
      const rect = el.getBoundingClientRect();
      return `${el.tagName.toLowerCase()}${id}${classes} (left ${Math.round(rect.left)}, right ${Math.round(rect.right)})`;
    };
    const culprits: string[] = [];
    const sticking = new Set<Element>();
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || (rect.right <= width + 1 && rect.left >= -1)) continue;
      if (clipped(el)) continue;
      sticking.add(el);
      if (el.parentElement && sticking.has(el.parentElement)) continue;
      culprits.push(describe(el));
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 12) };
  });
}

/** Text of the lesson outside code and formulas that still shows markdown's `**` (emphasis that did not close, e.g. `**25%**를`). */
async function literalAsterisks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const content = document.querySelector('main .sl-markdown-content');
    if (!content) return [];
    const found: string[] = [];
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (text.includes('**') && !node.parentElement?.closest('pre, code, script, style, .katex, .expressive-code')) found.push(text.trim().slice(0, 80));
    }
    return found;
  });
}

test.describe('every page', () => {
  for (const path of paths) {
    test(`${path} is accessible in light and dark, error-free and fits a phone`, async ({ page }) => {
      const errors = collectErrors(page);
      const name = screenshotName(path);
      await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
      await page.setViewportSize(DESKTOP);
      await page.goto(path, { waitUntil: 'load' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
      await settle(page);

      expect.soft(await literalAsterisks(page), `markdown ** left in the text of ${path}`).toEqual([]);
      const violations = await seriousViolations(page);
      expect.soft(violations, `axe: serious/critical violations on ${path} (light)\n${violations.join('\n')}`).toEqual([]);
      expect.soft(await lowContrastCode(page), `code colours below 4.5:1 on ${path} (light)`).toEqual([]);
      if (FULL_PAGE_SCREENSHOTS) await page.screenshot({ path: `test-results/screenshots/${name}-desktop-light.png`, fullPage: true });

      await page.setViewportSize(PHONE);
      await nextFrame(page);
      const overflow = await overflowingElements(page);
      expect.soft(
        overflow.scrollWidth,
        `horizontal overflow at ${PHONE.width}px on ${path}: scrollWidth ${overflow.scrollWidth} > clientWidth ${overflow.clientWidth}; sticking out:\n  ${overflow.culprits.join('\n  ')}`,
      ).toBeLessThanOrEqual(overflow.clientWidth + 1);
      await page.screenshot({ path: `test-results/screenshots/${name}-phone-light.png` });

      // Dark, as a reader switches it: the header's theme picker.
      await page.setViewportSize(DESKTOP);
      await page.locator('header starlight-theme-select select').selectOption('dark');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await nextFrame(page);
      const dark = await seriousViolations(page, COLOUR_RULES);
      expect.soft(dark, `axe: serious/critical violations on ${path} (dark)\n${dark.join('\n')}`).toEqual([]);
      expect.soft(await lowContrastCode(page), `code colours below 4.5:1 on ${path} (dark)`).toEqual([]);
      if (FULL_PAGE_SCREENSHOTS) {
        await page.screenshot({ path: `test-results/screenshots/${name}-desktop-dark.png`, fullPage: true });
        await page.setViewportSize(PHONE);
        await nextFrame(page);
        await page.screenshot({ path: `test-results/screenshots/${name}-phone-dark.png` });
      }

      expect.soft(errors, `console errors on ${path}`).toEqual([]);
    });
  }
});

test('the code-colour check reports a token too pale for its background', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
  await page.goto('/image-processing/lenet5/');
  expect(await lowContrastCode(page)).toEqual([]);
  await page.addStyleTag({ content: '.expressive-code pre .ec-line span { color: rgb(200, 200, 200) !important; }' });
  const low = await lowContrastCode(page);
  expect(low.length).toBeGreaterThan(0);
  expect(low[0]).toMatch(/^rgb\(200, 200, 200\) on rgb\(\d+, \d+, \d+\): 1\.\d\d:1/);
});

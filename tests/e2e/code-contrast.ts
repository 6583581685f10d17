import type { Page } from '@playwright/test';

/**
 * Code blocks' text colours against the background behind them, by WCAG's contrast formula (AA for
 * normal text: 4.5:1). A lesson's code blocks hold thousands of token spans whose colours all come
 * from expressive-code's two themes: axe checks them one element at a time (half of the every-page
 * test's time on a long lesson), this reads each distinct colour pair once.
 * Returns one line per pair below 4.5:1.
 */
export function lowContrastCode(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return [r, g, b, css.startsWith('rgba') ? a : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
    };
    /** The opaque colour behind an element: its own and its ancestors' backgrounds, blended down to the page's. */
    const background = (element: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e = element; e; e = e.parentElement) {
        const colour = parse(getComputedStyle(e).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const luminance = (c: Rgba) => {
      const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    };
    const contrast = (a: Rgba, b: Rgba) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (light + 0.05) / (dark + 0.05);
    };
    const seen = new Map<string, string>();
    for (const block of document.querySelectorAll('.expressive-code pre')) {
      for (const element of [block, ...block.querySelectorAll('*')]) {
        const text = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
        if (!text || element.closest('[aria-hidden="true"]')) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        const back = background(element);
        const key = `${style.color} on rgb(${back.slice(0, 3).map(Math.round).join(', ')})`;
        if (seen.has(key)) continue;
        const ratio = contrast(over(parse(style.color), back), back);
        seen.set(key, ratio < 4.5 ? `${key}: ${ratio.toFixed(2)}:1, e.g. "${text.slice(0, 30)}"` : '');
      }
    }
    return [...seen.values()].filter((line) => line !== '');
  });
}

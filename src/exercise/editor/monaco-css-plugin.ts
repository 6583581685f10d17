/**
 * Vite plugin: Monaco's own stylesheets are applied by Monaco's chunk when it loads, instead of
 * being linked from every page. Astro attaches the CSS of every module a page's script can reach,
 * dynamic imports included (withastro/astro#9495), so the ~110 kB of editor CSS would otherwise
 * block the first paint of lesson pages that never open the editor.
 */
import type { Plugin } from 'vite';

const PREFIX = '\0monaco-css:';
// The id must not end in `.css`, or Vite would treat the module below as a stylesheet.
const SUFFIX = '.js';
const MONACO_DIR = /[\\/]node_modules[\\/]monaco-editor[\\/]/;

export function monacoCssOnDemand(): Plugin {
  return {
    name: 'course:monaco-css-on-demand',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.css') || !importer || !MONACO_DIR.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? PREFIX + resolved.id + SUFFIX : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      // `?inline` still rewrites url()s (the codicon font) to files the site serves.
      const css = JSON.stringify(`${id.slice(PREFIX.length, -SUFFIX.length)}?inline`);
      return `import css from ${css};\nconst style = document.createElement('style');\nstyle.dataset.monaco = '';\nstyle.textContent = css;\ndocument.head.append(style);\n`;
    },
  };
}

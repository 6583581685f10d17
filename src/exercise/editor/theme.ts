/**
 * The editor follows the site's colour scheme: Starlight keeps it in `<html data-theme>` and
 * changes it live from its theme picker.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';

export function siteTheme(): 'vs' | 'vs-dark' {
  return document.documentElement.dataset['theme'] === 'dark' ? 'vs-dark' : 'vs';
}

/** Keeps Monaco's (page-wide) theme in step with the site's; returns the stop function. */
export function followSiteTheme(monaco: typeof Monaco): () => void {
  monaco.editor.setTheme(siteTheme());
  const observer = new MutationObserver(() => monaco.editor.setTheme(siteTheme()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/**
 * The editor's height rules, shared with the static code Exercise.astro shows before the editor
 * loads: the placeholder takes the height the editor will have, so the page does not jump when
 * the editor replaces it as the learner scrolls by (it did by up to 850 px on long starters).
 */
export const LINE_HEIGHT = 20;
export const PADDING = 8;
export const MIN_LINES = 12;
export const MAX_LINES = 32;

/** Height of the editor in pixels for content of `contentHeight` pixels. */
export function editorHeight(contentHeight: number): number {
  return Math.min(Math.max(contentHeight, MIN_LINES * LINE_HEIGHT + 2 * PADDING), MAX_LINES * LINE_HEIGHT + 2 * PADDING);
}

/** The editor's height for a code text, before Monaco measures it (one line of LINE_HEIGHT per line). */
export function editorHeightForCode(code: string): number {
  return editorHeight(code.split('\n').length * LINE_HEIGHT + 2 * PADDING);
}

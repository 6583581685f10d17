/**
 * The declarations the editor's TypeScript service knows besides the learner's file: TF.js
 * (collected at build time), the `@tensorflow/tfjs` entry learner code imports, and whatever the
 * caller adds (the course API's `course` module). Loaded lazily, beside Monaco.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import tfjsPackages from 'virtual:tfjs-typings';
// The same file types the runtime's `@tensorflow/tfjs` (tsconfig paths), so editor and checks agree.
import tfjsEntry from '../../runtime/learner-api/tfjs.d.ts?raw';

const TFJS_ENTRY_PATH = 'file:///node_modules/@tensorflow/tfjs/index.d.ts';

export function addTypings(defaults: Monaco.languages.typescript.LanguageServiceDefaults, extraLibs: Record<string, string> = {}): void {
  // Unchanged libraries are skipped by Monaco, so every editor on a page may add its own.
  for (const [path, source] of Object.entries({ ...tfjsPackages, [TFJS_ENTRY_PATH]: tfjsEntry, ...extraLibs })) defaults.addExtraLib(source, path);
}

/**
 * Monaco, bundled by Vite and served by the site: the editor core with its standard features
 * (suggestions, hovers, find), TypeScript highlighting and language service, and the two
 * workers they need. Only this module imports Monaco, and only the editor imports this module.
 */
import * as monacoApi from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/typescript/typescript.contribution.js';
import 'monaco-editor/esm/vs/language/typescript/monaco.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker.js?worker';
import type * as Monaco from 'monaco-editor';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
};

export const monaco = monacoApi as unknown as typeof Monaco;

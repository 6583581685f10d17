/**
 * Monaco as the course bundles it: the editor core, the features a learner writing a short
 * TypeScript file uses, TypeScript highlighting and language service, and the two workers they
 * need, all served by the site. Only the editor's index imports this module, and only lazily.
 * (`edcore.main` would add ~40 more features — diff, folding, links, color picker, quick input…)
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
// TypeScript's quick fixes ("Did you mean 'kernelSize'?"), also offered from error hovers.
import 'monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/parameterHints/browser/parameterHints.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
// Ctrl+M lets keyboard users Tab out of the editor instead of inserting a tab.
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
import 'monaco-editor/esm/vs/basic-languages/typescript/typescript.contribution.js';
import 'monaco-editor/esm/vs/language/typescript/monaco.contribution.js';
// The contributions import these lazily on first use; importing them here saves a round trip.
import 'monaco-editor/esm/vs/basic-languages/typescript/typescript.js';
import 'monaco-editor/esm/vs/language/typescript/tsMode.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker.js?worker';

// Same-origin workers emitted by Vite: cross-origin isolated pages (COEP) accept nothing else.
self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
};

const ts = monaco.languages.typescript;
ts.typescriptDefaults.setCompilerOptions({
  // Monaco's enum stops at ES2020; its TypeScript (5.4) knows ES2022 as 9.
  target: 9 as monaco.languages.typescript.ScriptTarget,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  // Every exercise is its own module (the runtime runs it as one, top-level await included),
  // so two exercises on a page never see each other's top-level names.
  moduleDetection: 3 /* ts.ModuleDetectionKind.Force */,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  // Learner code runs in a Web Worker: no DOM, but `console`, `self` and timers.
  lib: ['es2022', 'webworker'],
});

export { monaco };

/**
 * The exercise code editor: Monaco in TypeScript mode with TensorFlow.js and the course API
 * typed, Ctrl/Cmd+Enter to run (Ctrl/Cmd+Shift+Enter to grade), the site's light/dark theme,
 * and markers for the runtime's errors at the learner's line.
 *
 * This module is small on purpose: Monaco, its CSS, its workers and the TF.js declarations are
 * fetched by `createCodeEditor`'s dynamic imports, so a page that only links this file ships none
 * of them until an exercise is opened.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { RuntimeMarkers } from './runtime-markers.ts';
import { editorHeight, LINE_HEIGHT, PADDING } from './size.ts';
import { followSiteTheme, siteTheme } from './theme.ts';

export interface EditorMarker {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface CodeEditor {
  getValue(): string;
  /** Replaces the code as one undoable edit (a reset can be taken back with Ctrl+Z). */
  setValue(code: string): void;
  /** Runtime errors reported by the worker, at the learner's lines; `[]` clears them. */
  setMarkers(markers: EditorMarker[]): void;
  onDidChange(listener: (code: string) => void): () => void;
  focus(): void;
  dispose(): void;
}

export interface CodeEditorOptions {
  code: string;
  /** The model's file name, e.g. `fashion-cnn.ts`. */
  fileName: string;
  ariaLabel: string;
  onRun: () => void;
  onGrade?: () => void;
  /** More declaration files, `file:///…` path → source (the course API's `course` module). */
  extraLibs?: Record<string, string>;
}

// Latin from a monospace font; Hangul (in comments and strings) from the site's Pretendard.
const FONT_FAMILY = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace, 'Pretendard Variable'";

export async function createCodeEditor(container: HTMLElement, options: CodeEditorOptions): Promise<CodeEditor> {
  const [{ monaco }, { addTypings }] = await Promise.all([import('./monaco-setup.ts'), import('./typings.ts')]);
  addTypings(monaco.languages.typescript.typescriptDefaults, options.extraLibs);

  const model = monaco.editor.createModel(options.code, 'typescript', freeUri(monaco, options.fileName));
  const editor = monaco.editor.create(container, {
    model,
    theme: siteTheme(),
    ariaLabel: options.ariaLabel,
    automaticLayout: true,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    lineHeight: LINE_HEIGHT,
    padding: { top: PADDING, bottom: PADDING },
    tabSize: 2,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // The page scrolls on when the editor has nothing left to scroll.
    scrollbar: { alwaysConsumeMouseWheel: false },
    // Suggestions and hovers may extend past the editor's box.
    fixedOverflowWidgets: true,
  });
  const stopFollowingTheme = followSiteTheme(monaco);

  const fitHeight = () => {
    container.style.height = `${editorHeight(editor.getContentHeight())}px`;
  };
  fitHeight();
  editor.onDidContentSizeChange(fitHeight);

  // Actions, unlike `addCommand`, are bound to this editor only: with several exercises on a
  // page, Ctrl+Enter runs the one being edited.
  const { KeyMod, KeyCode } = monaco;
  editor.addAction({ id: 'course.run', label: '코드 실행', keybindings: [KeyMod.CtrlCmd | KeyCode.Enter], run: () => options.onRun() });
  const { onGrade } = options;
  if (onGrade) editor.addAction({ id: 'course.grade', label: '채점', keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.Enter], run: () => onGrade() });

  const runtimeMarkers = new RuntimeMarkers(monaco, model);
  const listeners = new Set<(code: string) => void>();
  model.onDidChangeContent((event) => {
    runtimeMarkers.edited(event.changes);
    if (listeners.size === 0) return;
    const code = model.getValue();
    listeners.forEach((listener) => listener(code));
  });

  return {
    getValue: () => model.getValue(),
    setValue(code) {
      if (code === model.getValue()) return;
      model.pushStackElement();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: code }], () => null);
      model.pushStackElement();
    },
    setMarkers: (markers) => runtimeMarkers.set(markers),
    onDidChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    focus: () => editor.focus(),
    dispose() {
      stopFollowingTheme();
      runtimeMarkers.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}

/** Each editor needs its own model; a second editor for the same file gets a sibling folder. */
function freeUri(monaco: typeof Monaco, fileName: string): Monaco.Uri {
  for (let n = 1; ; n++) {
    const uri = monaco.Uri.parse(`file:///exercises/${n === 1 ? '' : `${n}/`}${encodeURIComponent(fileName)}`);
    if (!monaco.editor.getModel(uri)) return uri;
  }
}

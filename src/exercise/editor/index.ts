/**
 * The exercise code editor: Monaco in TypeScript mode with TensorFlow.js and the course API
 * typed, Ctrl/Cmd+Enter to run, the site's light/dark theme, and markers for the runtime's
 * errors at the learner's line. Everything loads on first use (see Exercise.astro).
 */
import type * as Monaco from 'monaco-editor';

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
  setValue(code: string): void;
  setMarkers(markers: EditorMarker[]): void;
  onDidChange(listener: (code: string) => void): () => void;
  focus(): void;
  dispose(): void;
}

export interface CodeEditorOptions {
  code: string;
  /** The model's file name, e.g. `mnist-first-convnet.ts`. */
  fileName: string;
  ariaLabel: string;
  onRun: () => void;
  onGrade?: () => void;
  /** More declaration files, path → source (the course API's `course` module). */
  extraLibs?: Record<string, string>;
}

const MIN_LINES = 12;
const MAX_LINES = 32;
const MARKER_OWNER = 'course-runtime';

let languageReady: Promise<typeof Monaco> | undefined;

/** Loads Monaco once per page and configures the TypeScript service for learner files. */
function loadMonaco(extraLibs: Record<string, string>): Promise<typeof Monaco> {
  languageReady ??= (async () => {
    const [{ monaco }, typings] = await Promise.all([import('./monaco.ts'), import('virtual:tfjs-typings')]);
    const ts = monaco.languages.typescript;
    ts.typescriptDefaults.setCompilerOptions({
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      strict: true,
      noEmit: true,
      allowNonTsExtensions: true,
      lib: ['es2022', 'webworker'],
    });
    ts.typescriptDefaults.setEagerModelSync(true);
    for (const [path, source] of Object.entries({ ...typings.default, ...extraLibs })) ts.typescriptDefaults.addExtraLib(source, path);
    return monaco;
  })();
  return languageReady;
}

const theme = () => (document.documentElement.dataset['theme'] === 'dark' ? 'vs-dark' : 'vs');

export async function createCodeEditor(container: HTMLElement, options: CodeEditorOptions): Promise<CodeEditor> {
  const monaco = await loadMonaco({
    'file:///node_modules/@tensorflow/tfjs/index.d.ts': "import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';\nexport * from '@tensorflow/tfjs-core';\nexport * from '@tensorflow/tfjs-layers';\n",
    ...options.extraLibs,
  });
  const uri = monaco.Uri.parse(`file:///exercises/${options.fileName}`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(options.code, 'typescript', uri);
  model.setValue(options.code);
  const lineHeight = 20;
  const editor = monaco.editor.create(container, {
    model,
    theme: theme(),
    ariaLabel: options.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    lineHeight,
    // Korean comments need a glyph the monospace fonts lack; Pretendard is served by the site.
    fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Pretendard Variable', monospace",
    tabSize: 2,
    fixedOverflowWidgets: true,
    padding: { top: 8, bottom: 8 },
  });
  const fitHeight = () => {
    const lines = Math.min(MAX_LINES, Math.max(MIN_LINES, model.getLineCount() + 1));
    container.style.height = `${lines * lineHeight + 16}px`;
  };
  fitHeight();

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, options.onRun);
  if (options.onGrade) editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, options.onGrade);

  const themeObserver = new MutationObserver(() => monaco.editor.setTheme(theme()));
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  const listeners = new Set<(code: string) => void>();
  const changeSubscription = model.onDidChangeContent(() => {
    fitHeight();
    // A runtime marker describes the code as it was run; editing clears it.
    monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    const code = model.getValue();
    listeners.forEach((listener) => listener(code));
  });

  return {
    getValue: () => model.getValue(),
    setValue: (code) => model.setValue(code),
    setMarkers: (markers) =>
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        markers.map((m) => ({
          startLineNumber: m.line,
          startColumn: m.column ?? 1,
          endLineNumber: m.endLine ?? m.line,
          endColumn: m.endColumn ?? model.getLineMaxColumn(Math.min(Math.max(m.line, 1), model.getLineCount())),
          message: m.message,
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        })),
      ),
    onDidChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    focus: () => editor.focus(),
    dispose() {
      themeObserver.disconnect();
      changeSubscription.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}

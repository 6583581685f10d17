/**
 * Errors the runtime reported at the learner's lines. Each stays until its line is edited or the
 * markers are replaced (the next run clears them); markers on other lines follow their text
 * when lines are added or removed above them.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type { EditorMarker } from './index.ts';

const OWNER = 'course-runtime';

interface Tracked {
  marker: Monaco.editor.IMarkerData;
  /** An invisible decoration: Monaco moves it with the text, so it knows where the marker went. */
  decorationId: string;
}

export class RuntimeMarkers {
  private tracked: Tracked[] = [];

  constructor(
    private readonly monaco: typeof Monaco,
    private readonly model: Monaco.editor.ITextModel,
  ) {}

  set(markers: EditorMarker[]): void {
    this.track(markers.map((m) => this.toMarkerData(m)));
  }

  /** Call on every content change, with the change's (pre-edit) ranges. */
  edited(changes: readonly Monaco.editor.IModelContentChange[]): void {
    if (this.tracked.length === 0) return;
    const kept = this.tracked.filter(({ marker }) => !changes.some(({ range }) => touches(range, marker)));
    this.track(
      kept.map(({ marker, decorationId }) => {
        const moved = this.model.getDecorationRange(decorationId);
        return moved ? { ...marker, ...moved } : marker;
      }),
    );
  }

  dispose(): void {
    this.track([]);
  }

  private track(markers: Monaco.editor.IMarkerData[]): void {
    const Stickiness = this.monaco.editor.TrackedRangeStickiness;
    const ids = this.model.deltaDecorations(
      this.tracked.map((t) => t.decorationId),
      markers.map((marker) => ({ range: marker, options: { stickiness: Stickiness.NeverGrowsWhenTypingAtEdges } })),
    );
    this.tracked = markers.map((marker, i) => ({ marker, decorationId: ids[i] as string }));
    this.monaco.editor.setModelMarkers(this.model, OWNER, markers);
  }

  /** A runtime position may be past the end of edited code, and often has no column. */
  private toMarkerData(m: EditorMarker): Monaco.editor.IMarkerData {
    const model = this.model;
    const line = Math.min(Math.max(Math.trunc(m.line), 1), model.getLineCount());
    const endLine = Math.min(Math.max(m.endLine ?? line, line), model.getLineCount());
    const startColumn = m.column ?? Math.max(model.getLineFirstNonWhitespaceColumn(line), 1);
    const word = m.column === undefined ? null : model.getWordAtPosition({ lineNumber: line, column: m.column });
    const endColumn = m.endColumn ?? word?.endColumn ?? model.getLineMaxColumn(endLine);
    return {
      startLineNumber: line,
      startColumn,
      endLineNumber: endLine,
      endColumn: endLine === line ? Math.max(endColumn, startColumn + 1) : endColumn,
      message: m.message,
      severity: m.severity === 'error' ? this.monaco.MarkerSeverity.Error : this.monaco.MarkerSeverity.Warning,
    };
  }
}

/** Whether an edit of `range` changed a line the marker is on (a deletion ending at column 1 leaves that line alone). */
function touches(range: Monaco.IRange, marker: Monaco.IRange): boolean {
  const lastLine = range.endColumn === 1 && range.endLineNumber > range.startLineNumber ? range.endLineNumber - 1 : range.endLineNumber;
  return range.startLineNumber <= marker.endLineNumber && marker.startLineNumber <= lastLine;
}

/**
 * Everything a learner has is kept in this browser only: the code of each exercise and the
 * progress store (status, best result, backend). Both live in localStorage under one prefix so
 * that export, import and "내 데이터 지우기" cover exactly the course's data.
 */
const PREFIX = 'cnn-course:';
const CODE_KEY = (id: string) => `${PREFIX}code:${id}`;
const PROGRESS_KEY = `${PREFIX}progress`;

export interface SavedCode {
  code: string;
  /** Hash of the starter the learner began from, to offer 초기화 when the course's starter changed. */
  starterHash: string;
  savedAt: string;
}

export type ExerciseStatus = 'not-started' | 'tried' | 'passed';

export interface ExerciseProgress {
  status: ExerciseStatus;
  /** Best score so far (points), if graded. */
  bestScore?: number;
  /** Free-form best result text, e.g. "정확도 97.8%". */
  bestResult?: string;
  backend?: string;
  /** A self-check quiz's chosen answers, one index per question (null: not answered yet). */
  answers?: (number | null)[];
  /** How many hint stages the learner has seen, per check id (the first comes with the failure). */
  hintsOpened?: Record<string, number>;
  /** A `<Predict>` block's cells, keyed `<layer index>.shape` / `<layer index>.params`: what was typed and how many wrong tries it took. */
  predictions?: Record<string, PredictionCell>;
  updatedAt: string;
}

export interface PredictionCell {
  value: string;
  /** Wrong checks so far; from the second on, the explanation also gives the result. */
  tries: number;
}

/** Exercises are keyed by their id, self-check quizzes by `quiz:<id>`, predictions by `predict:<id>`, so they never collide. */
export type ProgressStore = Record<string, ExerciseProgress>;

export const quizKey = (id: string) => `quiz:${id}`;
export const predictKey = (id: string) => `predict:${id}`;

/** A short stable hash (FNV-1a) of the starter code; not for security. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function read<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function loadCode(id: string): SavedCode | undefined {
  return read<SavedCode>(CODE_KEY(id));
}

export function saveCode(id: string, code: string, starterHash: string): void {
  localStorage.setItem(CODE_KEY(id), JSON.stringify({ code, starterHash, savedAt: new Date().toISOString() } satisfies SavedCode));
}

export function clearCode(id: string): void {
  localStorage.removeItem(CODE_KEY(id));
}

export function loadProgress(): ProgressStore {
  return read<ProgressStore>(PROGRESS_KEY) ?? {};
}

const RANK: Record<ExerciseStatus, number> = { 'not-started': 0, tried: 1, passed: 2 };

/** Records a run or a grade; a status never goes down (a passed exercise stays passed). */
export function recordProgress(id: string, update: Omit<ExerciseProgress, 'updatedAt'>): ExerciseProgress {
  const store = loadProgress();
  const previous = store[id];
  const next: ExerciseProgress = {
    ...previous,
    ...update,
    status: previous && RANK[previous.status] > RANK[update.status] ? previous.status : update.status,
    updatedAt: new Date().toISOString(),
  };
  if (previous?.bestScore !== undefined && (update.bestScore === undefined || update.bestScore < previous.bestScore)) {
    next.bestScore = previous.bestScore;
    if (previous.bestResult !== undefined) next.bestResult = previous.bestResult;
  }
  store[id] = next;
  localStorage.setItem(PROGRESS_KEY, JSON.stringify(store));
  window.dispatchEvent(new CustomEvent('cnn-course:progress', { detail: { id, progress: next } }));
  return next;
}

/** Records that a check's hints are open up to `stages` (never fewer than before). */
export function recordHintsOpened(id: string, checkId: string, stages: number): ExerciseProgress {
  const previous = loadProgress()[id];
  const hintsOpened = { ...previous?.hintsOpened, [checkId]: Math.max(stages, previous?.hintsOpened?.[checkId] ?? 0) };
  return recordProgress(id, { status: previous?.status ?? 'tried', hintsOpened });
}

/** Everything the course stored, as one JSON document for 내보내기. */
export function exportAll(): string {
  const entries: Record<string, unknown> = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) entries[key.slice(PREFIX.length)] = read(key);
  }
  return JSON.stringify({ format: 'cnn-course-backup', version: 1, exportedAt: new Date().toISOString(), entries }, null, 2);
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Restores a backup made by exportAll; returns how many entries were restored. Anything else throws, in Korean, before anything is written. */
export function importAll(json: string): number {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('이 파일은 JSON 형식이 아니어서 읽을 수 없습니다.');
  }
  if (!isRecord(data) || data['format'] !== 'cnn-course-backup' || !isRecord(data['entries'])) {
    throw new Error('이 파일은 코스 기록 백업 파일이 아닙니다.');
  }
  const entries = Object.entries(data['entries']);
  for (const [key, value] of entries) localStorage.setItem(PREFIX + key, JSON.stringify(value));
  return entries.length;
}

/** 내 데이터 지우기: removes every key the course wrote, nothing else. */
export function eraseAll(): void {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  keys.forEach((k) => localStorage.removeItem(k));
  window.dispatchEvent(new CustomEvent('cnn-course:progress', { detail: null }));
}

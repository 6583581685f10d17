/**
 * The learner's code and progress in localStorage, with export, import and erase. Vitest runs in
 * Node: localStorage is an in-memory stand-in and window a bare EventTarget.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearCode, eraseAll, exportAll, hashText, importAll, loadCode, loadProgress, recordHintsOpened, recordProgress, saveCode } from './storage.ts';

/** localStorage as the browser has it, over a Map (keys in insertion order). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
  keys(): string[] {
    return [...this.items.keys()];
  }
}

let storage: MemoryStorage;
let events: (CustomEvent | Event)[];

beforeEach(() => {
  storage = new MemoryStorage();
  const win = new EventTarget();
  events = [];
  win.addEventListener('cnn-course:progress', (event) => events.push(event));
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', win);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T09:00:00.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('hashText', () => {
  it('is 32-bit FNV-1a in 8 hex digits', () => {
    // The published FNV-1a test vectors.
    expect(hashText('')).toBe('811c9dc5');
    expect(hashText('a')).toBe('e40c292c');
    expect(hashText('foobar')).toBe('bf9cf968');
  });
});

describe('code', () => {
  it('loads back what was saved, with the starter hash and the time it was saved', () => {
    const starter = 'model = tf.sequential()';
    saveCode('lenet', 'print(1)\n', hashText(starter));
    expect(loadCode('lenet')).toEqual({ code: 'print(1)\n', starterHash: hashText(starter), savedAt: '2025-03-01T09:00:00.000Z' });
    expect(storage.keys()).toEqual(['cnn-course:code:lenet']);
  });

  it('keeps one copy per exercise, the latest save winning', () => {
    saveCode('a', 'first', 'h1');
    saveCode('b', 'other', 'h2');
    saveCode('a', 'second', 'h1');
    expect(loadCode('a')?.code).toBe('second');
    expect(loadCode('b')?.code).toBe('other');
    expect(loadCode('never-saved')).toBeUndefined();
  });

  it('clears one exercise’s code and leaves the others', () => {
    saveCode('a', 'x', 'h');
    saveCode('b', 'y', 'h');
    clearCode('a');
    expect(loadCode('a')).toBeUndefined();
    expect(loadCode('b')?.code).toBe('y');
  });

  it('treats a stored value that is not JSON as nothing stored', () => {
    storage.setItem('cnn-course:code:a', '{not json');
    storage.setItem('cnn-course:progress', 'garbage');
    expect(loadCode('a')).toBeUndefined();
    expect(loadProgress()).toEqual({});
  });
});

describe('recordProgress', () => {
  it('keeps the best score and its result when a later grade is lower or has none', () => {
    recordProgress('cnn', { status: 'passed', bestScore: 80, bestResult: '정확도 97.8%', backend: 'wasm' });
    const lower = recordProgress('cnn', { status: 'tried', bestScore: 50, bestResult: '정확도 90.1%', backend: 'webgl' });
    expect(lower).toMatchObject({ status: 'passed', bestScore: 80, bestResult: '정확도 97.8%', backend: 'webgl' });
    const ungraded = recordProgress('cnn', { status: 'tried' });
    expect(ungraded).toMatchObject({ status: 'passed', bestScore: 80, bestResult: '정확도 97.8%' });
    const higher = recordProgress('cnn', { status: 'passed', bestScore: 95, bestResult: '정확도 98.9%' });
    expect(higher).toMatchObject({ status: 'passed', bestScore: 95, bestResult: '정확도 98.9%' });
    expect(loadProgress()).toEqual({ cnn: higher });
  });

  it('raises the status but never lowers it', () => {
    expect(recordProgress('a', { status: 'tried' }).status).toBe('tried');
    expect(recordProgress('a', { status: 'not-started' }).status).toBe('tried');
    expect(recordProgress('a', { status: 'passed' }).status).toBe('passed');
    expect(recordProgress('a', { status: 'tried' }).status).toBe('passed');
  });

  it('stores each exercise apart, stamps the time, and tells the page', () => {
    recordProgress('a', { status: 'passed', bestScore: 10 });
    vi.setSystemTime(new Date('2025-03-02T10:00:00.000Z'));
    const b = recordProgress('b', { status: 'tried' });
    expect(b.updatedAt).toBe('2025-03-02T10:00:00.000Z');
    expect(loadProgress()).toEqual({ a: { status: 'passed', bestScore: 10, updatedAt: '2025-03-01T09:00:00.000Z' }, b });
    expect(events.map((e) => (e as CustomEvent).detail)).toEqual([
      { id: 'a', progress: expect.objectContaining({ status: 'passed' }) },
      { id: 'b', progress: b },
    ]);
  });
});

describe('recordHintsOpened', () => {
  it('keeps the most hint stages seen per check, beside the status and score, which it leaves alone', () => {
    recordProgress('cnn', { status: 'tried', bestScore: 4 });
    recordHintsOpened('cnn', 'layer.1.outputShape', 2);
    recordHintsOpened('cnn', 'accuracy', 2);
    recordHintsOpened('cnn', 'layer.1.outputShape', 1); // a regrade shows the first again: not fewer
    recordProgress('cnn', { status: 'passed', bestScore: 10 });
    expect(loadProgress()['cnn']).toMatchObject({ status: 'passed', bestScore: 10, hintsOpened: { 'layer.1.outputShape': 2, accuracy: 2 } });
    // Opening a hint before any recorded grade counts as having tried.
    expect(recordHintsOpened('other', 'params.total', 2)).toMatchObject({ status: 'tried', hintsOpened: { 'params.total': 2 } });
  });
});

describe('export and import', () => {
  it('restores exactly what was exported, and only the course’s keys travel', () => {
    saveCode('lenet', 'print("안녕")', hashText('starter'));
    saveCode('cnn', 'model.fit()', 'abcd0123');
    recordProgress('lenet', { status: 'passed', bestScore: 100, bestResult: '정확도 99.1%', backend: 'wasm' });
    storage.setItem('other-site:token', 'keep out');
    const backup = exportAll();
    const parsed = JSON.parse(backup) as { format: string; version: number; entries: Record<string, unknown> };
    expect(parsed).toMatchObject({ format: 'cnn-course-backup', version: 1 });
    expect(Object.keys(parsed.entries).sort()).toEqual(['code:cnn', 'code:lenet', 'progress']);
    const [lenet, cnn, progress] = [loadCode('lenet'), loadCode('cnn'), loadProgress()];

    storage.clear();
    expect(importAll(backup)).toBe(3);
    expect(loadCode('lenet')).toEqual(lenet);
    expect(loadCode('cnn')).toEqual(cnn);
    expect(loadProgress()).toEqual(progress);
    expect(storage.getItem('other-site:token')).toBeNull();
  });

  it('rejects a file that is not JSON, in Korean, writing nothing', () => {
    expect(() => importAll('{"format": "cnn-course-backup", "entries": {')).toThrow('이 파일은 JSON 형식이 아니어서 읽을 수 없습니다.');
    expect(() => importAll('')).toThrow('JSON 형식이 아니어서');
    expect(storage.length).toBe(0);
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['an array', '[]'],
    ['another format', '{"format": "something-else", "entries": {"progress": {}}}'],
    ['no entries', '{"format": "cnn-course-backup"}'],
    ['entries as a list', '{"format": "cnn-course-backup", "entries": [{"progress": {}}]}'],
  ])('rejects JSON that is not a course backup (%s), writing nothing', (_, json) => {
    expect(() => importAll(json)).toThrow('이 파일은 코스 기록 백업 파일이 아닙니다.');
    expect(storage.length).toBe(0);
  });
});

describe('eraseAll', () => {
  it('removes every key under cnn-course: and nothing else', () => {
    saveCode('a', 'x', 'h');
    recordProgress('a', { status: 'tried' });
    const foreign = { 'other-app:progress': '1', 'cnn-course': 'no colon', 'my-cnn-course:code:a': 'prefix inside', theme: 'dark' };
    for (const [key, value] of Object.entries(foreign)) storage.setItem(key, value);
    eraseAll();
    expect(Object.fromEntries(storage.keys().map((k) => [k, storage.getItem(k)]))).toEqual(foreign);
    expect(loadCode('a')).toBeUndefined();
    expect(loadProgress()).toEqual({});
    // The page re-renders its progress table on this event.
    expect((events.at(-1) as CustomEvent).detail).toBeNull();
  });
});

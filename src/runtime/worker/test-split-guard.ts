/**
 * Keeps learner code in the exercise worker away from the held-out test split, which only the
 * grader reads: `fetch`, `XMLHttpRequest` and Cache Storage refuse its files, and nested workers
 * and `importScripts` (which could fetch without these guards) are not available. Dynamic
 * `import()` never reaches the network: the transpiler turns it into the course's `require`.
 *
 * A static site cannot hide a file from a determined reader (the grader downloads it into this
 * same origin). The point is that nobody trains on the test split by accident or with a one-line
 * cheat, and that the message says why.
 */
// The wording and the URL test are shared with the CLI's sandbox, so both say the same.
import { TEST_SPLIT_MESSAGE, isTestSplitUrl, requestUrl as urlOf } from '../sandbox-errors.ts';

export class TestSplitError extends Error {
  constructor() {
    super(TEST_SPLIT_MESSAGE);
    this.name = 'TestSplitError';
  }
}

/** The real fetch and caches, for the runtime's own use once the globals are guarded. */
export interface RuntimeNetwork {
  fetch: typeof fetch;
}

type Scope = typeof globalThis & { XMLHttpRequest?: typeof XMLHttpRequest; caches?: CacheStorage };

export function guardTestSplit(scope: Scope = globalThis): RuntimeNetwork {
  const realFetch = scope.fetch.bind(scope);
  const guardedFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    isTestSplitUrl(urlOf(input)) ? Promise.reject(new TestSplitError()) : realFetch(input, init)) as typeof fetch;
  define(scope, 'fetch', guardedFetch);

  const RealXhr = scope.XMLHttpRequest;
  if (RealXhr) {
    class GuardedXhr extends RealXhr {
      override open(method: string, url: string | URL, ...rest: [boolean?, string?, string?]): void {
        if (isTestSplitUrl(String(url))) throw new TestSplitError();
        (super.open as (...args: unknown[]) => void)(method, url, ...rest);
      }
    }
    define(scope, 'XMLHttpRequest', GuardedXhr);
  }

  const realCaches = scope.caches;
  if (realCaches) define(scope, 'caches', guardCacheStorage(realCaches));

  const refuse = (what: string) =>
    function () {
      throw new Error(`${what}은(는) 실습 코드에서 쓸 수 없습니다. 계산은 이 워커 안에서 하세요.`);
    };
  for (const name of ['Worker', 'SharedWorker'] as const) if (name in scope) define(scope, name, refuse(name));
  if ('importScripts' in scope) define(scope, 'importScripts', refuse('importScripts()'));
  return { fetch: guardedFetch };
}

function guardCache(cache: Cache): Cache {
  const check = (request: RequestInfo | URL) => {
    if (isTestSplitUrl(urlOf(request))) throw new TestSplitError();
  };
  return new Proxy(cache, {
    get(target, property) {
      if (property === 'match' || property === 'matchAll') {
        return async (request?: RequestInfo | URL, options?: CacheQueryOptions) => {
          if (request === undefined) {
            // Every entry: leave out the test split's.
            const all = await target.matchAll(undefined, options);
            return property === 'match' ? all.find((r) => !isTestSplitUrl(r.url)) : all.filter((r) => !isTestSplitUrl(r.url));
          }
          check(request);
          return property === 'match' ? target.match(request, options) : target.matchAll(request, options);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function guardCacheStorage(storage: CacheStorage): CacheStorage {
  return {
    open: async (name: string) => guardCache(await storage.open(name)),
    match: async (request: RequestInfo | URL, options?: MultiCacheQueryOptions) => {
      if (isTestSplitUrl(urlOf(request))) throw new TestSplitError();
      return storage.match(request, options);
    },
    has: (name: string) => storage.has(name),
    keys: () => storage.keys(),
    delete: (name: string) => storage.delete(name),
  };
}

function define(scope: object, name: string, value: unknown): void {
  Object.defineProperty(scope, name, { value, writable: false, configurable: false });
}

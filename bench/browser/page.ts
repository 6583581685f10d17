/**
 * The benchmark page (/bench/): runs the benchmark on each chosen backend in its own worker and
 * shows the results. `npm run bench` drives the same page in headless Chromium through
 * `window.runBenchmark`, so what a person sees here is what the JSON report records.
 */
import { BENCH_BACKENDS, type BackendReport, type BenchBackend, type BenchMessage, type BenchRequest } from './protocol.ts';
import { SEED_MODELS } from '../models.ts';

export interface BenchOptions {
  backends: BenchBackend[];
  models?: string[];
  steps?: number;
  budgetMs?: number;
  /** The seed model whose training step is profiled kernel by kernel (default cnn-003); false: none. */
  breakdown?: string | false;
  /** Time-to-accuracy runs, by id (protocol.ts), on the first backend that starts. */
  accuracy?: string[];
}

export interface BrowserReport {
  environment: 'browser';
  userAgent: string;
  crossOriginIsolated: boolean;
  cores: number;
  backends: BackendReport[];
}

const baseUrl = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

function runOnBackend(request: BenchRequest, onStatus: (text: string) => void): Promise<BackendReport> {
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<BackendReport>((resolve) => {
    const failed = (reason: string) => resolve({ backend: request.backend, available: false, reason, training: [], accuracy: [] });
    worker.onmessage = (event: MessageEvent<BenchMessage>) => {
      if (event.data.type === 'status') onStatus(event.data.text);
      else resolve(event.data.report);
    };
    worker.onerror = (event) => failed(event.message || '작업자(worker)가 멈췄습니다 (메모리 부족일 수 있습니다)');
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

export async function runBenchmark(options: BenchOptions, onStatus: (text: string) => void = console.info): Promise<BrowserReport> {
  const reports: BackendReport[] = [];
  let accuracyDone = false;
  for (const backend of options.backends) {
    const accuracy = accuracyDone ? [] : (options.accuracy ?? []);
    const report = await runOnBackend(
      {
        backend,
        models: options.models ?? SEED_MODELS.map((m) => m.id),
        steps: options.steps ?? 5,
        budgetMs: options.budgetMs ?? 60_000,
        ...(options.breakdown === false ? {} : { breakdown: options.breakdown ?? 'cnn-003' }),
        accuracy,
        baseUrl,
      },
      onStatus,
    );
    if (report.available && accuracy.length > 0) accuracyDone = true;
    reports.push(report);
  }
  return { environment: 'browser', userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency, backends: reports };
}

declare global {
  interface Window {
    runBenchmark: typeof runBenchmark;
  }
}
window.runBenchmark = runBenchmark;

// --- the page's own form ---

const number = (x: number | undefined, digits = 0) => (x === undefined ? '—' : x.toLocaleString('ko-KR', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function cell(row: HTMLTableRowElement, text: string): void {
  row.insertCell().textContent = text;
}

function render(report: BrowserReport, table: HTMLTableElement, accuracyList: HTMLElement): void {
  table.tBodies[0]?.remove();
  const body = table.createTBody();
  for (const backend of report.backends) {
    if (!backend.available) {
      const row = body.insertRow();
      cell(row, backend.backend);
      const reason = row.insertCell();
      reason.colSpan = 5;
      reason.textContent = `사용할 수 없음: ${backend.reason ?? ''}`;
      continue;
    }
    for (const t of backend.training) {
      const row = body.insertRow();
      cell(row, `${backend.backend}${backend.threads ? ` (${backend.threads}스레드)` : ''}${backend.adapter ? ` · ${backend.adapter}` : ''}`);
      cell(row, t.model);
      cell(row, t.skipped ?? number(t.msPerStep));
      cell(row, number(t.imagesPerSecond));
      cell(row, t.efficiency === undefined ? '—' : `${number(t.efficiency * 100)}%`);
      cell(row, number(backend.matmulGflops, 1));
    }
    if (backend.error) {
      const row = body.insertRow();
      cell(row, backend.backend);
      const error = row.insertCell();
      error.colSpan = 5;
      error.textContent = `오류: ${backend.error}`;
    }
  }
  accuracyList.replaceChildren(
    ...report.backends.flatMap((b) =>
      b.accuracy.map((a) => {
        const item = document.createElement('li');
        item.textContent = a.reached
          ? `${a.model} (${a.dataset}, ${b.backend}): 테스트 정확도 ${a.target * 100}%까지 학습 ${number(a.trainSeconds, 1)}초 (평가 포함 ${number(a.wallSeconds, 1)}초, ${number(a.epochs, 2)} 에포크)`
          : `${a.model} (${a.dataset}, ${b.backend}): 시간 제한 안에 ${a.target * 100}%에 닿지 못함 (최고 ${number(a.bestAccuracy * 100, 2)}%)`;
        return item;
      }),
    ),
  );
}

function wireForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-role="bench"]');
  if (!form) return;
  const statusLine = document.querySelector<HTMLElement>('[data-role="status"]')!;
  const table = document.querySelector<HTMLTableElement>('table[data-role="results"]')!;
  const accuracyList = document.querySelector<HTMLElement>('[data-role="accuracy"]')!;
  const json = document.querySelector<HTMLElement>('[data-role="json"]')!;
  statusLine.textContent = self.crossOriginIsolated ? '준비됨 (교차 출처 격리: WASM 다중 스레드 사용 가능)' : '준비됨 (교차 출처 격리가 아니어서 WASM은 단일 스레드로 돕니다)';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const backends = BENCH_BACKENDS.filter((b) => data.has(b));
    const button = form.querySelector('button')!;
    button.disabled = true;
    runBenchmark(
      { backends, ...(data.has('quick') ? { models: ['lenet5-002', 'cnn-003'], steps: 3, budgetMs: 20_000 } : {}), accuracy: data.has('accuracy') ? ['lenet5-mnist'] : [] },
      (text) => (statusLine.textContent = text),
    )
      .then((report) => {
        render(report, table, accuracyList);
        json.textContent = JSON.stringify(report, null, 2);
        statusLine.textContent = '끝났습니다.';
      })
      .catch((error: Error) => (statusLine.textContent = `측정하지 못했습니다: ${error.message}`))
      .finally(() => (button.disabled = false));
  });
}

wireForm();

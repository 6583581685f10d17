/**
 * The output region of an exercise: console lines, the Keras-style summary table, progress
 * bars, live loss/accuracy charts, image grids, and a status line with time and throughput.
 * It only renders what the runner reports; it holds no run logic.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatShape } from '../runtime/model-summary.ts';
import { importCommand, missingDatasetMessage, optInDataset } from '../data/opt-in.ts';
import type { GradeReport, ModelSummary, RunnerMessage } from '../runtime/protocol.ts';

const MAX_LINES = 500;

/** `unavailable`: the exercise's opt-in dataset is not on this site; neither an error nor a pass. */
type State = 'idle' | 'running' | 'passed' | 'failed' | 'error' | 'timeout' | 'unavailable';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Keras' metric names, in Korean for the chart legends. */
const METRIC_LABELS: Record<string, string> = {
  loss: '훈련 손실',
  val_loss: '검증 손실',
  acc: '훈련 정확도',
  accuracy: '훈련 정확도',
  val_acc: '검증 정확도',
  val_accuracy: '검증 정확도',
};

class LiveChart {
  private readonly data: number[][] = [[]];
  private readonly names: string[] = [];
  private plot: uPlot | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly title: string,
    private readonly xLabel = '에포크',
  ) {}

  push(x: number, values: Record<string, number>): void {
    for (const name of Object.keys(values)) {
      if (!this.names.includes(name)) {
        this.names.push(name);
        this.data.push(this.data[0]!.map(() => Number.NaN));
        this.plot?.destroy();
        this.plot = undefined;
      }
    }
    this.data[0]!.push(x);
    this.names.forEach((name, i) => this.data[i + 1]!.push(values[name] ?? Number.NaN));
    this.render();
  }

  private render(): void {
    const width = Math.max(240, this.host.clientWidth || 320);
    if (!this.plot) {
      const palette = ['#2563eb', '#f97316', '#16a34a', '#dc2626'];
      // uPlot draws axis text on a canvas in its own font stack, which has no Korean glyphs where the
      // system has none; the site's font is used instead (see the redraw below).
      const font = `12px ${getComputedStyle(this.host).fontFamily}`;
      this.plot = new uPlot(
        {
          title: this.title,
          width,
          height: 200,
          scales: { x: { time: false } },
          // Epochs are whole numbers: ticks every 1 (or more when there are many).
          axes: [
            { label: this.xLabel, stroke: 'currentColor', incrs: [1, 2, 5, 10, 20, 50], font, labelFont: font },
            { stroke: 'currentColor', font },
          ],
          series: [{ label: this.xLabel || 'x' }, ...this.names.map((name, i) => ({ label: METRIC_LABELS[name] ?? name, stroke: palette[i % palette.length]!, width: 2, points: { show: true } }))],
        },
        this.data as uPlot.AlignedData,
        this.host,
      );
      // Canvas text does not make the browser fetch a web font's unicode-range subsets: load the
      // ones the axis label needs, then draw the axes again.
      void document.fonts.load(font, `${this.xLabel}0123456789`).then(() => this.plot?.redraw(false, true));
    } else {
      this.plot.setData(this.data as uPlot.AlignedData);
    }
  }
}

/** Staged hints: how many stages of each check were opened before, and who hears of a new one. */
export interface StagedHints {
  opened?: Record<string, number> | undefined;
  onOpen?: (checkId: string, stages: number) => void;
}

/**
 * A failed check's hints, one stage at a time (a nudge first, the near-answer last): the first is
 * shown with the failure, the next behind 다음 힌트. Stages opened before stay open on a regrade.
 */
function appendHints(item: HTMLElement, checkId: string, stages: string[], hints: StagedHints): void {
  const next = el('button', 'hint-next');
  next.type = 'button';
  const label = (n: number) => (stages.length === 1 ? '힌트: ' : `힌트 ${n}/${stages.length}: `);
  const show = (n: number) => item.insertBefore(el('span', 'hint', label(n) + stages[n - 1]), next);
  let shown = 0;
  const update = () => {
    next.textContent = `다음 힌트 보기 (${shown + 1}/${stages.length})`;
    next.hidden = shown >= stages.length;
  };
  item.append(next);
  const already = Math.min(stages.length, Math.max(1, hints.opened?.[checkId] ?? 1));
  while (shown < already) show(++shown);
  update();
  next.addEventListener('click', () => {
    const hint = show(++shown);
    update();
    hints.onOpen?.(checkId, shown);
    // The button disappears with the last stage: keyboard focus moves to that hint, not to the page's top.
    if (next.hidden) {
      hint.tabIndex = -1;
      hint.focus();
    }
  });
}

export class OutputPanel {
  private readonly console: HTMLElement;
  private readonly extras: HTMLElement;
  private readonly status: HTMLElement;
  private lines = 0;
  private lossChart: LiveChart | undefined;
  private accuracyChart: LiveChart | undefined;
  private progress = new Map<string, HTMLProgressElement>();
  private startedAt = 0;
  private imagesPerSecond: number | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly root: HTMLElement) {
    root.replaceChildren();
    this.status = el('p', 'exercise-status');
    this.extras = el('div', 'exercise-extras');
    this.console = el('pre', 'exercise-console');
    this.console.hidden = true;
    root.append(this.status, this.extras, this.console);
  }

  get state(): State {
    return (this.root.dataset['state'] as State | undefined) ?? 'idle';
  }

  begin(): void {
    // Tests and tools can tell one run's result from the previous one's.
    this.root.dataset['runs'] = String(Number(this.root.dataset['runs'] ?? 0) + 1);
    this.extras.replaceChildren();
    this.console.replaceChildren();
    this.console.hidden = true;
    this.lines = 0;
    this.lossChart = undefined;
    this.accuracyChart = undefined;
    this.progress.clear();
    this.imagesPerSecond = undefined;
    this.startedAt = performance.now();
    this.setState('running', '실행 중…');
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.tick(), 500);
  }

  /** Ends the run display with a final state and message. */
  finish(state: Exclude<State, 'running'>, message: string): void {
    clearInterval(this.ticker);
    this.setState(state, `${message} (${this.elapsedText()})`);
  }

  setState(state: State, message: string): void {
    this.root.dataset['state'] = state;
    this.status.textContent = message;
  }

  private elapsedText(): string {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return `${seconds.toFixed(1)}초${this.imagesPerSecond ? ` · 초당 ${Math.round(this.imagesPerSecond).toLocaleString('ko-KR')}장` : ''}`;
  }

  private tick(): void {
    if (this.state === 'running') this.status.textContent = `실행 중… ${this.elapsedText()}`;
  }

  log(text: string, level: 'log' | 'warn' | 'error' = 'log'): void {
    this.console.hidden = false;
    if (this.lines === MAX_LINES) {
      this.console.append(el('span', 'line warn', `… 출력이 ${MAX_LINES}줄을 넘어 이후 줄은 생략합니다.\n`));
    }
    this.lines += 1;
    if (this.lines > MAX_LINES) return;
    this.console.append(el('span', `line ${level}`, `${text}\n`));
    this.console.scrollTop = this.console.scrollHeight;
  }

  handle(message: RunnerMessage): void {
    switch (message.type) {
      case 'ready':
        break;
      case 'log':
        this.log(message.text, message.level);
        break;
      case 'summary':
        this.extras.append(renderSummary(message.summary));
        break;
      case 'progress':
        this.showProgress(message);
        break;
      case 'epoch':
        this.pushEpoch(message.metrics.epoch, message.metrics.logs);
        break;
      case 'plot': {
        const host = el('div', 'exercise-chart');
        this.extras.append(host);
        const chart = new LiveChart(host, message.title, message.xLabel ?? '');
        const length = Math.max(...message.series.map((s) => s.values.length));
        for (let i = 0; i < length; i++) chart.push(i + 1, Object.fromEntries(message.series.map((s) => [s.name, s.values[i] ?? Number.NaN])));
        break;
      }
      case 'image':
        this.extras.append(renderImages(message));
        break;
      case 'error':
        this.log(message.message, 'error');
        break;
      case 'built':
      case 'submission':
      case 'unavailable': // shown by showUnavailable when the run ends
      case 'done':
      case 'pong':
        break;
    }
  }

  /**
   * The grader's checklist: ✓/✗ per check with expected vs actual and a hint; – for a check that
   * could not be graded for want of data (how to get the data is in the notice above, not repeated).
   */
  showReport(report: GradeReport, hints: StagedHints = {}): void {
    const list = el('ul', 'exercise-checklist');
    list.setAttribute('aria-label', '채점 결과');
    for (const result of report.results) {
      const item = el('li', result.passed ? 'passed' : result.unavailable ? 'unavailable' : 'failed');
      item.dataset['check'] = result.id;
      item.append(el('span', 'mark', result.passed ? '✓' : result.unavailable ? '–' : '✗'), el('span', 'message', result.message));
      if (result.unavailable) {
        list.append(item);
        continue;
      }
      if (!result.passed && (result.expected !== undefined || result.actual !== undefined)) {
        item.append(el('span', 'detail', `기대: ${result.expected ?? '—'} · 실제: ${result.actual ?? '—'}`));
      }
      if (!result.passed && result.hint) appendHints(item, result.id, [result.hint, ...(result.laterHints ?? [])], hints);
      list.append(item);
    }
    this.extras.prepend(list);
  }

  /**
   * The notice that the exercise's opt-in dataset is not on this site, with where to download it
   * and the command that imports it. Shown once, above everything, and kept across runs: the data
   * cannot appear without the site being rebuilt.
   */
  showUnavailable(dataset: string): void {
    if (this.root.querySelector('.exercise-unavailable')) return;
    const info = optInDataset(dataset);
    const notice = el('div', 'exercise-unavailable');
    notice.dataset['dataset'] = dataset;
    notice.append(el('p', 'title', missingDatasetMessage(dataset)));
    if (info) {
      notice.append(el('p', undefined, '코스와 함께 배포하지 않는 선택 데이터셋이라, 사이트를 운영하는 사람이 직접 가져와야 합니다.'));
      const steps = el('ol');
      const download = el('li');
      const link = el('a', undefined, info.downloadUrl);
      link.href = info.downloadUrl;
      link.rel = 'noreferrer';
      download.append(link, '에서 ', el('strong', undefined, info.downloadLabel), ' 파일(', el('code', undefined, info.archive), ')을 내려받습니다.');
      const command = el('li');
      command.append('코스 저장소에서 다음 명령을 실행한 뒤 사이트를 다시 빌드합니다.', el('code', 'command', importCommand(info)));
      steps.append(download, command);
      notice.append(steps);
    }
    this.root.prepend(notice);
  }

  private showProgress(message: Extract<RunnerMessage, { type: 'progress' }>): void {
    const key = message.stage === 'dataset' ? 'dataset' : message.stage === 'epoch' ? 'epoch' : 'batch';
    let bar = this.progress.get(key);
    if (!bar) {
      const label = el('label', 'exercise-progress', { dataset: '데이터 내려받기', epoch: '에포크', batch: '배치' }[key]);
      bar = el('progress');
      label.append(bar);
      this.extras.prepend(label);
      this.progress.set(key, bar);
    }
    bar.max = message.total || 1;
    bar.value = Math.min(message.done, bar.max);
    if (message.imagesPerSecond) this.imagesPerSecond = message.imagesPerSecond;
    const label = bar.parentElement;
    if (label && message.stage !== 'dataset') {
      label.firstChild!.textContent = message.stage === 'epoch' ? `에포크 ${message.done}/${message.total} ` : `배치 ${message.done}/${message.total} `;
    }
  }

  private pushEpoch(epoch: number, logs: Record<string, number>): void {
    const pick = (word: string) => Object.fromEntries(Object.entries(logs).filter(([k]) => k.includes(word)));
    this.lossChart = this.plotEpoch(this.lossChart, '손실', epoch, pick('loss'));
    this.accuracyChart = this.plotEpoch(this.accuracyChart, '정확도', epoch, pick('acc'));
    const text = Object.entries(logs)
      .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
      .join(' · ');
    this.log(`에포크 ${epoch} — ${text}`);
  }

  /** Pushes one epoch's series onto a chart, creating the chart at the first epoch that has any. */
  private plotEpoch(chart: LiveChart | undefined, title: string, epoch: number, series: Record<string, number>): LiveChart | undefined {
    if (Object.keys(series).length === 0) return chart;
    if (!chart) {
      const host = el('div', 'exercise-chart');
      this.extras.append(host);
      chart = new LiveChart(host, title);
    }
    chart.push(epoch, series);
    return chart;
  }
}

function renderSummary(summary: ModelSummary): HTMLElement {
  const table = el('table', 'exercise-summary');
  table.setAttribute('aria-label', '모델 요약');
  const head = el('thead');
  const headRow = el('tr');
  for (const title of ['Layer (type)', 'Output Shape', 'Param #']) headRow.append(el('th', undefined, title));
  head.append(headRow);
  const body = el('tbody');
  for (const row of summary.rows) {
    const tr = el('tr');
    tr.append(el('td', undefined, `${row.name} (${row.className})`), el('td', undefined, formatShape(row.outputShape)), el('td', 'num', row.params.toLocaleString('en-US')));
    body.append(tr);
  }
  const foot = el('tfoot');
  for (const [label, value] of [
    ['Total params', summary.totalParams],
    ['Trainable params', summary.trainableParams],
    ['Non-trainable params', summary.nonTrainableParams],
  ] as const) {
    const tr = el('tr');
    const th = el('th', undefined, label);
    th.colSpan = 2;
    tr.append(th, el('td', 'num', value.toLocaleString('en-US')));
    foot.append(tr);
  }
  table.append(head, body, foot);
  return table;
}

function renderImages(message: Extract<RunnerMessage, { type: 'image' }>): HTMLElement {
  const figure = el('figure', 'exercise-images');
  figure.style.setProperty('--columns', String(message.columns));
  for (const image of message.images) {
    const cell = el('div', 'exercise-image');
    const canvas = el('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    for (let p = 0; p < image.width * image.height; p++) {
      const src = p * image.channels;
      rgba[p * 4] = image.pixels[src]!;
      rgba[p * 4 + 1] = image.pixels[src + (image.channels === 3 ? 1 : 0)]!;
      rgba[p * 4 + 2] = image.pixels[src + (image.channels === 3 ? 2 : 0)]!;
      rgba[p * 4 + 3] = 255;
    }
    canvas.getContext('2d')?.putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
    cell.append(canvas);
    if (image.label) cell.append(el('span', undefined, image.label));
    figure.append(cell);
  }
  if (message.title) figure.append(el('figcaption', undefined, message.title));
  return figure;
}

/**
 * Brings one exercise to life: the editor with the learner's saved code, the run/stop/reset
 * buttons, the worker host, and the output panel. Loaded on first interaction (see Exercise.astro).
 */
import { RunnerHost } from '../runtime/host.ts';
import type { BackendChoice, DatasetName, ExerciseSettings, GradeReport, RunOutcome, RunnerMessage } from '../runtime/protocol.ts';
import { BrowserGrader } from '../../graders/browser/grader-host.ts';
import { unavailableResultOf } from '../../graders/grade.ts';
import { runAndGrade } from '../../graders/run-and-grade.ts';
import { optInDataset } from '../data/opt-in.ts';
import { OutputPanel } from './output-panel.ts';
import { clearCode, hashText, loadCode, loadProgress, recordHintsOpened, recordProgress, saveCode } from './storage.ts';
import type { CodeEditor, EditorMarker } from './editor/index.ts';
import courseTypes from '../runtime/learner-api/course.d.ts?raw';
import './exercise.css';

/** What the lesson page tells the exercise UI (Exercise.astro writes it as JSON). */
export interface ExerciseConfig extends ExerciseSettings {
  starter: string;
  solution: string;
  /** Where a values exercise's runner fetches its call inputs. */
  callsUrl?: string;
  /**
   * The exercise's dataset when it is an opt-in one the site was built without (Exercise.astro
   * looks in public/data at build time, so the page needs no request that would answer 404).
   */
  unavailableDataset?: DatasetName;
}

const AUTOSAVE_MS = 400;
const BACKEND_KEY = 'cnn-course:backend';

const datasetTitle = (name: string) => optInDataset(name)?.title ?? name;

function query<T extends HTMLElement>(root: HTMLElement, selector: string): T {
  const node = root.querySelector<T>(selector);
  if (!node) throw new Error(`exercise markup lacks ${selector}`);
  return node;
}

export async function mountExercise(root: HTMLElement): Promise<void> {
  const config = JSON.parse(query(root, 'script[data-role="config"]').textContent ?? '{}') as ExerciseConfig;
  const starterHash = hashText(config.starter);
  const saved = loadCode(config.id);
  const output = new OutputPanel(query(root, '[data-role="output"]'));
  if (config.unavailableDataset) {
    // Said before anything runs; 실행 and 채점 stay enabled (the structure is graded without the data).
    output.showUnavailable(config.unavailableDataset);
    output.setState(
      'unavailable',
      config.kind === 'train'
        ? '데이터셋이 없어 이 실습의 학습과 정확도 채점은 할 수 없습니다. 채점을 누르면 모델 구조는 검사합니다.'
        : '데이터셋이 없어 이 실습을 끝까지 실행하거나 채점할 수 없습니다.',
    );
  }
  const buttons = {
    run: query<HTMLButtonElement>(root, '[data-action="run"]'),
    grade: query<HTMLButtonElement>(root, '[data-action="grade"]'),
    stop: query<HTMLButtonElement>(root, '[data-action="stop"]'),
    reset: query<HTMLButtonElement>(root, '[data-action="reset"]'),
    solution: query<HTMLButtonElement>(root, '[data-action="solution"]'),
  };
  const backendSelect = query<HTMLSelectElement>(root, '[data-role="backend"]');
  const env = query(root, '[data-role="env"]');
  backendSelect.value = localStorage.getItem(BACKEND_KEY) ?? 'auto';

  const host = new RunnerHost();
  host.warmUp(backendSelect.value as BackendChoice);
  backendSelect.addEventListener('change', () => {
    localStorage.setItem(BACKEND_KEY, backendSelect.value);
    if (!host.running) host.warmUp(backendSelect.value as BackendChoice);
  });

  const editorHost = query(root, '[data-role="editor"]');
  const { createCodeEditor } = await import('./editor/index.ts');
  const placeholderHeight = editorHost.offsetHeight;
  editorHost.style.minHeight = `${placeholderHeight}px`;
  const mountPoint = document.createElement('div');
  mountPoint.className = 'exercise-monaco';
  const editor: CodeEditor = await createCodeEditor(mountPoint, {
    code: saved?.code ?? config.starter,
    fileName: `${config.id}.ts`,
    ariaLabel: `실습 코드 편집기: ${config.id}`,
    onRun: () => void run('run'),
    onGrade: () => void run('grade'),
    extraLibs: { 'file:///node_modules/course/index.d.ts': courseTypes },
  });
  editorHost.replaceChildren(mountPoint);
  editorHost.style.minHeight = '';

  if (saved && saved.starterHash !== starterHash) {
    output.setState('idle', '이 실습의 시작 코드가 바뀌었습니다. 새 시작 코드로 다시 하려면 초기화를 누르세요. 지금 코드는 그대로 두었습니다.');
  }

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  editor.onDidChange((code) => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => saveCode(config.id, code, starterHash), AUTOSAVE_MS);
  });
  // A pending autosave must not be lost when the tab closes.
  window.addEventListener('pagehide', () => {
    if (saveTimer !== undefined) saveCode(config.id, editor.getValue(), starterHash);
  });

  const setRunning = (running: boolean) => {
    buttons.run.disabled = running;
    buttons.grade.disabled = running;
    buttons.stop.disabled = !running;
  };

  const baseUrl = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  const grader = new BrowserGrader(baseUrl);

  async function run(mode: 'run' | 'grade'): Promise<void> {
    if (host.running) return;
    if (mode === 'grade') grader.warmUp();
    const code = editor.getValue();
    saveCode(config.id, code, starterHash);
    editor.setMarkers([]);
    output.begin();
    setRunning(true);
    const markers: EditorMarker[] = [];
    let backendName = '';
    const onMessage = (message: RunnerMessage) => {
      if (message.type === 'ready') {
        backendName = message.backend;
        env.textContent = `백엔드: ${message.backend}${message.backend === 'wasm' ? ` · 스레드 ${message.threads}개` : ''}${message.isolated ? '' : ' · 교차 출처 격리 안 됨'}`;
        env.dataset['backend'] = message.backend;
        env.dataset['threads'] = String(message.threads);
      }
      if (message.type === 'built') output.setState('running', '모델 구조를 먼저 채점하는 중… (구조가 맞아야 학습을 시작합니다)');
      if (message.type === 'error' && message.location) {
        markers.push({ line: message.location.line, ...(message.location.column ? { column: message.location.column } : {}), message: message.message, severity: 'error' });
        editor.setMarkers(markers);
      }
      output.handle(message);
    };
    const { outcome, report } = await runAndGrade(config, code, {
      runner: host,
      ...(mode === 'grade' ? { grader } : {}),
      backend: backendSelect.value as BackendChoice,
      baseUrl,
      ...(config.callsUrl ? { calls: { url: config.callsUrl } } : {}),
      onMessage,
      onGrading: () => output.setState('running', '채점 중… (채점기가 따로 떼어 둔 테스트 데이터로 평가합니다)'),
    });
    setRunning(false);
    if (report) showReport(report, outcome, backendName);
    else showOutcome(outcome, backendName);
  }

  /** How a run ended, as the status line says it (and the progress store records it). */
  function showOutcome(outcome: RunOutcome, backendName: string): void {
    switch (outcome.status) {
      case 'done':
        output.finish('idle', '실행을 마쳤습니다');
        recordProgress(config.id, { status: 'tried', backend: backendName });
        break;
      case 'failed':
        output.finish('error', outcome.error.phase === 'syntax' ? '문법 오류로 실행하지 못했습니다' : '오류로 실행이 멈췄습니다');
        recordProgress(config.id, { status: 'tried', backend: backendName });
        break;
      case 'timeout':
        output.finish('timeout', `시간 초과: ${Math.round(outcome.limitMs / 1000)}초 안에 끝나지 않아 중지했습니다. 무한 루프가 없는지, 학습 데이터나 에포크가 너무 많지 않은지 확인하세요`);
        break;
      case 'stopped':
        output.finish('idle', '중지했습니다');
        break;
      case 'crashed':
        output.log(outcome.reason, 'error');
        output.finish('error', '실행 환경이 중단되어 새로 시작합니다. 메모리를 너무 많이 쓰지 않았는지 확인하세요');
        break;
      case 'unavailable':
        output.showUnavailable(outcome.dataset);
        output.finish('unavailable', `${datasetTitle(outcome.dataset)} 데이터셋이 이 사이트에 없어 학습 데이터를 불러오지 못하고 멈췄습니다`);
        recordProgress(config.id, { status: 'tried', backend: backendName });
        break;
    }
  }

  /** The checklist, for a graded run and for one that produced nothing to grade alike. */
  function showReport(report: GradeReport, outcome: RunOutcome, backendName: string): void {
    output.showReport(report, {
      opened: loadProgress()[config.id]?.hintsOpened,
      onOpen: (checkId, stages) => recordHintsOpened(config.id, checkId, stages),
    });
    // Nothing failed, but a check could not be graded for want of data: unavailable, neither a pass
    // nor the learner's mistake (so no 정답 보기 either).
    const dataset = unavailableResultOf(report)?.unavailable;
    const unavailable = dataset !== undefined && report.results.every((r) => r.passed || r.unavailable);
    buttons.solution.hidden = report.passed || unavailable;
    if (unavailable) {
      output.showUnavailable(dataset);
      const passed = report.results.filter((r) => r.passed).length;
      const count = report.results.filter((r) => r.unavailable).length;
      output.finish('unavailable', `채점할 수 없음: ${datasetTitle(dataset)} 데이터셋이 이 사이트에 없습니다 (검사 ${passed}개 통과, ${count}개는 채점할 수 없음)`);
      recordProgress(config.id, { status: 'tried', backend: backendName });
      return;
    }
    if (outcome.status !== 'done' && outcome.status !== 'stopped') {
      showOutcome(outcome, backendName);
      return;
    }
    const failed = report.results.filter((r) => !r.passed).length;
    output.finish(
      report.passed ? 'passed' : 'failed',
      report.passed ? `통과! ${report.score}/${report.points}점` : `검사 ${report.results.length}개 중 ${failed}개를 통과하지 못했습니다`,
    );
    const accuracy = report.results.find((r) => r.id === 'accuracy' && r.actual)?.actual;
    recordProgress(config.id, {
      status: report.passed ? 'passed' : 'tried',
      bestScore: report.score,
      ...(accuracy ? { bestResult: `정확도 ${accuracy}` } : {}),
      backend: backendName,
    });
  }

  buttons.run.addEventListener('click', () => void run('run'));
  buttons.grade.addEventListener('click', () => void run('grade'));
  buttons.stop.addEventListener('click', () => host.stop());
  buttons.reset.addEventListener('click', () => {
    if (!window.confirm('지금까지 작성한 코드를 지우고 시작 코드로 되돌릴까요?')) return;
    clearCode(config.id);
    editor.setValue(config.starter);
    saveCode(config.id, config.starter, starterHash);
    output.setState('idle', '시작 코드로 되돌렸습니다.');
  });
  buttons.solution.addEventListener('click', () => {
    if (!window.confirm('정답 코드를 편집기에 불러올까요? 지금 코드는 사라집니다. (초기화로 시작 코드를 다시 불러올 수 있습니다.)')) return;
    editor.setValue(config.solution);
  });
}

/**
 * The sandbox page's script. It links only the editor's small entry module; Monaco loads when
 * 편집기 열기 is pressed. The editors are exposed on `window` for the browser tests.
 */
import { createCodeEditor, type CodeEditor } from '../../exercise/editor/index.ts';

declare global {
  interface Window {
    sandbox?: { editor?: CodeEditor; second?: CodeEditor; readyMs?: number };
  }
}

const STARTER = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\n";
const COURSE_TYPES = "declare module 'course' {\n  /** 출력 창에 값을 보여 줍니다. */\n  export function print(...values: unknown[]): void;\n}\n";

const sandbox: NonNullable<Window['sandbox']> = (window.sandbox = {});
const element = (role: string) => document.querySelector<HTMLElement>(`[data-role="${role}"]`) as HTMLElement;
const button = (action: string) => document.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) as HTMLButtonElement;
const increment = (role: string) => () => {
  const counter = element(role);
  counter.textContent = String(Number(counter.textContent) + 1);
};

button('open').addEventListener('click', async () => {
  button('open').disabled = true;
  const started = performance.now();
  sandbox.editor = await createCodeEditor(element('editor'), {
    code: STARTER,
    fileName: 'fashion-cnn.ts',
    ariaLabel: '실습 코드 편집기: 시험장',
    onRun: increment('runs'),
    onGrade: increment('grades'),
    extraLibs: { 'file:///node_modules/@types/course/index.d.ts': COURSE_TYPES },
  });
  sandbox.readyMs = performance.now() - started;
  sandbox.editor.focus();
});

button('open-second').addEventListener('click', async () => {
  button('open-second').disabled = true;
  sandbox.second = await createCodeEditor(element('second-editor'), {
    code: "import * as tf from '@tensorflow/tfjs';\nconst x = tf.zeros([2, 2]);\n",
    fileName: 'second.ts',
    ariaLabel: '실습 코드 편집기: 두 번째',
    onRun: increment('second-runs'),
  });
});

button('theme').addEventListener('click', () => {
  const root = document.documentElement;
  root.dataset['theme'] = root.dataset['theme'] === 'dark' ? 'light' : 'dark';
});

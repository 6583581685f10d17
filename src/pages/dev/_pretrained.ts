/** The pretrained-model check page's script: one worker, driven through `window.pretrainedCheck`. */
import type { PretrainedCheck, PretrainedCheckRequest } from './_pretrained.worker.ts';

declare global {
  interface Window {
    pretrainedCheck?: (request: Omit<PretrainedCheckRequest, 'baseUrl'>) => Promise<PretrainedCheck>;
  }
}

const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
const worker = new Worker(new URL('./_pretrained.worker.ts', import.meta.url), { type: 'module' });

window.pretrainedCheck = (request) =>
  new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PretrainedCheck | { error: string }>) => ('error' in event.data ? reject(new Error(event.data.error)) : resolve(event.data));
    worker.postMessage({ ...request, baseUrl: base } satisfies PretrainedCheckRequest);
  });

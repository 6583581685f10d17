/**
 * The update notice. A new build means a new service worker: the browser installs it beside the
 * one serving this page, and it waits, so that this page's scripts, chunks and wasm files never mix
 * with the new build's. The page says so ("새 버전이 있습니다 — 새로 고침"); the button asks the
 * new worker to take over and reloads into the new build. Code and progress live in localStorage,
 * which no worker touches, so they come through the reload as they were.
 */
import { SKIP_WAITING } from './messages.ts';

/** How often an open page asks the host whether a new build is there (besides on return to the tab and on reconnecting). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

let notice: HTMLElement | undefined;
/** Whether the learner pressed 새로 고침 in this tab. */
let accepted = false;

/** Shows the notice once; `waiting` is the new worker to start, or none when another tab already started it. */
function showNotice(waiting: ServiceWorker | null): void {
  notice?.remove();
  notice = document.createElement('div');
  notice.className = 'update-notice';
  notice.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = '새 버전이 있습니다 — ';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'course-button primary';
  button.textContent = '새로 고침';
  button.addEventListener('click', () => {
    button.disabled = true;
    accepted = true;
    // The reload follows controllerchange, once the new worker serves this page; without one to start, reload now.
    if (waiting && waiting.state !== 'redundant') waiting.postMessage(SKIP_WAITING);
    else location.reload();
  });
  notice.append(text, button);
  document.body.append(notice);
}

export function watchForUpdates(): void {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  // Set only while this page is controlled: a first install (no controller yet) is no update.
  let controlled = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    // This tab pressed the button: reload into the new build. Another tab did: this page's build is
    // gone from the cache, so say so here as well rather than fail on its next lazy load.
    if (accepted) location.reload();
    else showNotice(null);
  });
  const offer = (worker: ServiceWorker) => {
    if (container.controller) showNotice(worker);
  };
  const follow = (worker: ServiceWorker | null) => {
    if (!worker) return;
    if (worker.state === 'installed') offer(worker);
    else worker.addEventListener('statechange', () => worker.state === 'installed' && offer(worker));
  };
  // `ready` never settles where registration is blocked or failed; then there is nothing to watch.
  void container.ready.then((registration) => {
    follow(registration.waiting ?? registration.installing);
    registration.addEventListener('updatefound', () => follow(registration.installing));
    const check = () => void registration.update().catch(() => {});
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
    window.addEventListener('online', check);
    setInterval(check, CHECK_EVERY_MS);
  });
}

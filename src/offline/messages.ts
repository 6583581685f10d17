/**
 * What the page may say to the service worker. `claim` (a bare string, as the former isolation
 * worker took it) asks an active worker to control the pages it does not yet control; `skip-waiting`
 * asks a new, installed worker to take over now: the learner pressed 새로 고침 on the update notice.
 */
export interface SkipWaitingMessage {
  type: 'skip-waiting';
}

export const SKIP_WAITING: SkipWaitingMessage = { type: 'skip-waiting' };

export function isSkipWaiting(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'skip-waiting';
}

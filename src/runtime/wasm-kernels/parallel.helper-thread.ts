/** A loop helper on a worker_threads thread, for the tests of the pool (_parallel.ts) in Node. */
import { parentPort } from 'node:worker_threads';
import { serveLoops, type LoopHelperStart } from './_parallel.ts';

parentPort!.once('message', (start: LoopHelperStart) => serveLoops(start));

// Worker-thread entry for Node: registers tsx in this thread (loader hooks registered in the
// main process do not reach worker threads on Node 20), then loads the TypeScript runner.
import { register } from 'tsx/esm/api';

register();
await import('./runner-thread.ts');

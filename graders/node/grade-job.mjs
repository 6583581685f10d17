// Worker-thread entry for one grading job: registers tsx in this thread (loader hooks registered
// in the main process do not reach worker threads on Node 20), then loads the TypeScript job.
import { register } from 'tsx/esm/api';

register();
await import('./grade-job.ts');

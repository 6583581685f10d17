/**
 * What the sandbox runner and its child say to each other besides the runner protocol
 * (../protocol.ts). Its own module: the child's entry runs on import, the runner's imports esbuild.
 */
import type { NodeBackend } from './backend.ts';
import type { RunSpec } from '../protocol.ts';

/** What the runner sends once the child says it is listening. */
export interface SandboxInit {
  spec: RunSpec;
  backend: NodeBackend;
  /** Folder holding the prepared datasets (public/data), as a real path. */
  dataDir: string;
  /** Folder holding the pretrained models (public/models), as a real path. */
  modelsDir: string;
  /** tfjs-backend-wasm's dist folder: the bundle lives in a temp folder and cannot resolve it. */
  wasmDir: string;
}

/**
 * The child's first message, before any runner message: a message sent to a child that is still
 * loading its bundle could arrive before it listens, and be dropped.
 */
export interface SandboxListening {
  sandbox: 'listening';
}

/**
 * The test environment TF.js's own op specs run in: the wasm backend with the course's training
 * kernels registered (or, with TFJS_OPS_STOCK=1, stock tfjs-backend-wasm alone). Imported before
 * any spec (esbuild keeps import order), because `describeWithFlags` reads the environments when
 * a spec file loads.
 */
// What the full TF.js package registers and tfjs-core alone does not; the specs use both.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setTestEnvs } from '@tensorflow/tfjs-core/dist/jasmine_util';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/runtime/wasm-kernels/index.ts';

declare const WASM_DIR: string;

setWasmPaths(`${WASM_DIR}/`);
if (process.env['TFJS_OPS_STOCK'] !== '1') registerWasmTrainingKernels();
setTestEnvs([{ name: 'wasm', backendName: 'wasm', isDataSync: true }]);

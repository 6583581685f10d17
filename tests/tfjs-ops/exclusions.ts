/**
 * The specs of TF.js's op tests that are expected to fail on the wasm backend, each with the
 * reason: limits of stock tfjs-backend-wasm 4.22 (its own test setup excludes the same), not of
 * the course's kernels. run.ts still runs them and checks that each one fails both with the
 * course's kernels and on stock wasm, so an entry can neither hide a bug of ours nor outlive
 * the limit it names. A spec that fails because of our kernels is a bug to fix, never an entry.
 */
export interface Exclusion {
  /** Substring of the spec's full name ("<describe> wasm {} <it>"). */
  match: string;
  why: string;
}

export const EXCLUSIONS: readonly Exclusion[] = [
  { match: 'conv2d wasm {} x=[1,2,2] f=[2,2,1,1] s=1 d=1 p=same NCHW', why: "wasm Conv2D supports channels-last (NHWC) only: 'channelsFirst' throws" },
  { match: 'conv2d wasm {} x=[1,2,2] f=[2,2,1,1] s=1 d=1 p=explicit NCHW', why: 'channels-first convolution (see above)' },
  { match: 'conv2d wasm {} x=[2,2,2] f=[2,2,2,1] s=1 d=1 p=same NCHW', why: 'channels-first convolution' },
  { match: 'conv2d wasm {} x=[4,2,2] f=[2,2,4,4] s=1 d=1 p=same NCHW', why: 'channels-first convolution' },
  { match: 'conv2d wasm {} x=[4,2,2] f=[1,1,4,4] s=1 d=1 p=same NCHW', why: 'channels-first convolution' },
  { match: 'conv2d wasm {} x=[3,2,2] f=[1,1,3,4] s=1 d=1 p=same NCHW', why: 'channels-first convolution' },
  { match: 'conv2d wasm {} x=[2,1,2,2] f=[2,2,1,1] s=1 d=1 p=same NCHW', why: 'channels-first convolution' },
  { match: 'conv2d wasm {} x=[2,1,2,2] f=[1,1,1,1] s=1 d=1 p=0 NCHW', why: 'channels-first convolution' },
  { match: 'conv2d wasm {} x=[2,2,2,2] f=[1,1,4,4] s=1 d=1 p=same NCHW', why: 'channels-first convolution' },
  { match: 'conv2d wasm {} gradient x=[1,1,3,3] f=[2,2,1,1] s=1 p=0 NCHW', why: 'channels-first convolution (its gradient starts with the forward pass)' },
  { match: 'conv2d wasm {} gradient x=[2,1,3,3] f=[2,2,1,1] s=1 p=0 NCHW', why: 'channels-first convolution (its gradient starts with the forward pass)' },
  { match: 'tile wasm {} 1d string tensor', why: 'wasm kernels take numeric tensors only; a string tensor aborts the module' },
  { match: 'tile wasm {} 2d string tensor', why: 'string tensors (see above)' },
  { match: 'tile wasm {} 6D string tensor', why: 'string tensors (see above)' },
  { match: 'matmul wasm {} upcasts when dtypes dont match', why: 'wasm BatchMatMul supports float32 only: an int32 operand throws' },
];

/** The exclusion that applies to a spec, if any. */
export function excluded(fullName: string): Exclusion | undefined {
  return EXCLUSIONS.find((e) => fullName.includes(e.match));
}

/**
 * TF.js's fused convolution, which tfjs-layers runs for a Conv2D layer with a bias and no
 * activation while training (all of seed 001's layers), records one custom gradient for x, the
 * filter and the bias, and computes all three whether or not anything reads x's. The tape reads
 * only the gradients of inputs on a path from the trained variables, and a model's first layer's x
 * is the model's input. On seed 001's first layer, that unread gradient took 4.7 ms of a 66 ms
 * step (Node wasm, one thread, batch 128, 2026-12-05).
 *
 * The tape calls each node's gradient as a method of the node as it has pruned it, whose `inputs`
 * hold only the inputs it will read. This wraps the engine's addTapeNode so that the fused
 * convolution's gradient looks at them: while it runs without x among them, Conv2DBackpropInput
 * returns zeros without computing anything (takeUnusedInputGradient). Nothing reads those zeros.
 */
import { engine, type NamedTensorMap } from '@tensorflow/tfjs-core';

/** The tape's name for the fused convolution's custom gradient: its op's scope. */
const FUSED_CONV2D = 'fusedConv2d__op';
/** The custom gradient's inputs are named by position: x, filter, bias. */
const X = '0';

type Gradient = (this: TapeNode | void, dys: unknown) => unknown;

/** The engine's tape and its tape nodes, which TF.js's typings keep private. */
interface TapeNode {
  inputs: NamedTensorMap;
  gradient?: Gradient;
}
interface TapeEngine {
  state: { activeTape: TapeNode[] | null };
  addTapeNode(kernelName: string, ...rest: unknown[]): void;
}

let xUnused = false;
/** How many input gradients were skipped, for tests. */
let skipped = 0;

/**
 * Whether the input gradient about to be computed is one nothing will read. True at most once per
 * gradient call: the fused convolution's gradient computes x's first, then the filter's and bias's.
 */
export function takeUnusedInputGradient(): boolean {
  if (!xUnused) return false;
  xUnused = false;
  skipped++;
  return true;
}

export const skippedInputGradients = (): number => skipped;

const wrapped = new WeakSet<object>();

/** Wraps the engine's addTapeNode (see above); idempotent. */
export function skipUnusedInputGradients(): void {
  const tapeEngine = engine() as unknown as TapeEngine;
  if (wrapped.has(tapeEngine)) return;
  wrapped.add(tapeEngine);
  const addTapeNode = tapeEngine.addTapeNode;
  tapeEngine.addTapeNode = function (this: TapeEngine, kernelName: string, ...rest: unknown[]): void {
    addTapeNode.call(this, kernelName, ...rest);
    if (kernelName !== FUSED_CONV2D) return;
    const tape = this.state.activeTape;
    const node = tape?.[tape.length - 1];
    const gradient = node?.gradient;
    if (!node || !gradient) return;
    node.gradient = function (this: TapeNode | void, dys: unknown) {
      xUnused = this !== undefined && this.inputs !== undefined && !(X in this.inputs);
      try {
        return gradient.call(this, dys);
      } finally {
        xUnused = false;
      }
    };
  };
}

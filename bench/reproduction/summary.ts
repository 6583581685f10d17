/**
 * One model's standing in the reproduction table, from its results: run in full (mean and range of
 * the compared figure over seeds), only its first epochs (with the projected time of the whole
 * recipe), or not run. Shared by docs/reproduction.md and the site's /reproduction/ page and
 * lesson badges, so the page, the badges and the markdown can never disagree. No Node imports.
 */
import type { Recipe } from './recipes.ts';
import type { ReproductionResult } from './train.ts';

export type ModelStanding =
  | { status: 'none' }
  | {
      status: 'full';
      /** Mean, min and max of the compared figure over the complete runs. */
      accuracy: number;
      min: number;
      max: number;
      seeds: number;
      /** e.g. "25" or "9 (early stop, kept 7)". */
      epochs: string;
      wallSeconds: number;
      /** Mean load over the run when it exceeded the machine's cores, else null. */
      busyLoad: number | null;
      cores: number;
      backends: string[];
      testAccuracy: number;
    }
  | {
      status: 'partial';
      accuracy: number;
      /** Validation accuracy after the last epoch run (null without validation). */
      lastValAccuracy: number | null;
      epochsRun: number;
      epochsPlanned: number;
      projectedSeconds: number;
      busyLoad: number | null;
      cores: number;
      backends: string[];
      testAccuracy: number;
    };

/** The figure of ours that the document's is compared with: test accuracy, or the best validation accuracy. */
export function comparedAccuracy(result: ReproductionResult): number {
  return result.comparedWith === 'best-validation' && result.bestValAccuracy !== null ? result.bestValAccuracy : result.testAccuracy;
}

function busyLoad(results: ReproductionResult[]): number | null {
  const loads = results.flatMap((r) => r.history.map((h) => h.loadAverage).filter((l): l is number => l !== undefined));
  if (loads.length === 0) return null;
  const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
  return mean > results[0]!.machine.cpus + 0.5 ? Math.round(mean * 10) / 10 : null;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The epochs the complete runs ran, each distinct count once: "25", or with early stopping, as
 * `earlyStop` words it ("10 (early stop, kept 8)").
 */
export function epochsRun(complete: ReproductionResult[], earlyStop: (run: number, kept: number) => string): string {
  return [...new Set(complete.map((r) => (r.stoppedEarly ? earlyStop(r.epochsRun, r.keptEpoch) : String(r.epochsRun))))].join(', ');
}

/** A native PyTorch run (the cross-check), not one of the course's engine. */
export const isNative = (result: Pick<ReproductionResult, 'backend'>) => result.backend === 'pytorch';

/** The runs of the course's engine, without native PyTorch's. */
export const engineRuns = (results: ReproductionResult[]) => results.filter((r) => !isNative(r));

/** The course's engine's standing; native PyTorch runs are left to `nativeStanding`. */
export function standing(allResults: ReproductionResult[]): ModelStanding {
  const results = engineRuns(allResults);
  const complete = results.filter((r) => r.complete);
  if (complete.length > 0) {
    const accuracies = complete.map(comparedAccuracy);
    return {
      status: 'full',
      accuracy: mean(accuracies),
      min: Math.min(...accuracies),
      max: Math.max(...accuracies),
      seeds: complete.length,
      epochs: epochsRun(complete, (run, kept) => `${run} (early stop, kept ${kept})`),
      wallSeconds: mean(complete.map((r) => r.trainSeconds)),
      busyLoad: busyLoad(complete),
      cores: complete[0]!.machine.cpus,
      backends: [...new Set(complete.map((r) => r.backend))],
      testAccuracy: mean(complete.map((r) => r.testAccuracy)),
    };
  }
  const partial = results.filter((r) => r.history.length > 0).sort((a, b) => b.history.length - a.history.length)[0];
  if (!partial) return { status: 'none' };
  return {
    status: 'partial',
    accuracy: comparedAccuracy(partial),
    lastValAccuracy: partial.history.at(-1)?.valAccuracy ?? null,
    epochsRun: partial.history.length,
    epochsPlanned: partial.epochsPlanned,
    projectedSeconds: (partial.trainSeconds / partial.history.length) * partial.epochsPlanned,
    busyLoad: busyLoad([partial]),
    cores: partial.machine.cpus,
    backends: [partial.backend],
    testAccuracy: partial.testAccuracy,
  };
}

/** Native PyTorch on the same images with the same recipe: mean and range of the compared figure over its complete runs. */
export interface NativeStanding {
  accuracy: number;
  min: number;
  max: number;
  seeds: number;
  torch: string;
}

export function nativeStanding(results: ReproductionResult[]): NativeStanding | null {
  const complete = results.filter((r) => isNative(r) && r.complete);
  if (complete.length === 0) return null;
  const accuracies = complete.map(comparedAccuracy);
  return { accuracy: mean(accuracies), min: Math.min(...accuracies), max: Math.max(...accuracies), seeds: complete.length, torch: complete[0]!.native?.torch ?? '?' };
}

/**
 * A partial run's validation accuracy after its last epoch beside the document's at the same
 * epoch (from the document's printed fit log), so the first epochs can be read against it; null
 * where either is missing.
 */
export function partialBesideDocument(recipe: Pick<Recipe, 'documentCurve'>, s: ModelStanding): { ours: number; document: number } | null {
  if (s.status !== 'partial' || s.lastValAccuracy === null) return null;
  const document = recipe.documentCurve?.[s.epochsRun - 1];
  return document ? { ours: s.lastValAccuracy, document: document[1] } : null;
}

/** Epochs of the longest native run cut short (`--epochs`), or 0: such a run is drawn, not averaged. */
export function nativePartialEpochs(results: ReproductionResult[]): number {
  return Math.max(0, ...results.filter((r) => isNative(r) && !r.complete).map((r) => r.history.length));
}

/** Half a point: how far native PyTorch's range over seeds may lie from the engine's and still agree with it. */
export const NATIVE_AGREEMENT = 0.005;
/** One point: the bar for a reproduction that matches the document. */
export const DOCUMENT_TOLERANCE = 0.01;

/**
 * What the runs say about the gap between the course's figure and the document's:
 * - `matches`: within one point;
 * - `not-engine`: more than a point apart, and native PyTorch on the same images lands with the
 *   course's engine (their ranges over seeds within half a point of each other), so the gap lies
 *   in the data (the course's own split) or in the document's run;
 * - `engine-suspect`: native PyTorch lands elsewhere: a fault of the engine is possible;
 * - `unchecked`: more than a point apart and no native run yet.
 * Null where there is nothing to compare (no document figure, or no complete run).
 */
export type Gap =
  | { verdict: 'matches' | 'unchecked'; engine: number; document: number }
  | { verdict: 'not-engine' | 'engine-suspect'; engine: number; document: number; native: NativeStanding };

export function gapToDocument(documentAccuracy: number | undefined, results: ReproductionResult[]): Gap | null {
  const engine = standing(results);
  if (documentAccuracy === undefined || engine.status !== 'full') return null;
  const base = { engine: engine.accuracy, document: documentAccuracy };
  if (Math.abs(engine.accuracy - documentAccuracy) <= DOCUMENT_TOLERANCE) return { verdict: 'matches', ...base };
  const native = nativeStanding(results);
  if (!native) return { verdict: 'unchecked', ...base };
  // Ranges over seeds, not means: with a seed or two a side, a mean alone over-reads one lucky run.
  const agrees = native.max >= engine.min - NATIVE_AGREEMENT && native.min <= engine.max + NATIVE_AGREEMENT;
  return { verdict: agrees ? 'not-engine' : 'engine-suspect', ...base, native };
}

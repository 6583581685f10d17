/**
 * The committed results of `npm run reproduce` (bench/results/reproduction/*.json), read at build
 * time, grouped by model: what the /reproduction/ page and the lessons' badges show.
 */
import type { ReproductionResult } from '../../bench/reproduction/train.ts';
import { nativeStanding, standing, type ModelStanding, type NativeStanding } from '../../bench/reproduction/summary.ts';

const files = import.meta.glob<ReproductionResult>('../../bench/results/reproduction/*.json', { eager: true, import: 'default' });

export const REPRODUCTION_RESULTS: readonly ReproductionResult[] = Object.keys(files)
  .sort()
  .map((path) => files[path]!);

export function resultsOf(model: string): ReproductionResult[] {
  return REPRODUCTION_RESULTS.filter((r) => r.recipe === model);
}

export function standingOf(model: string): ModelStanding {
  return standing(resultsOf(model));
}

/** Native PyTorch on the same images (the cross-check), or null where it has not run. */
export function nativeStandingOf(model: string): NativeStanding | null {
  return nativeStanding(resultsOf(model));
}

export const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

/** 45 s, 37분, 4.2시간. */
export function koreanDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)}초`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}분`;
  return `${(seconds / 3600).toFixed(1)}시간`;
}

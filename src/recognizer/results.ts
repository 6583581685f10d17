/**
 * What the recognizer page shows of a prediction: per box, the digit `np.argmax(res, axis=1)` picks
 * and the runner-up, with their probabilities. No DOM, no TF.js.
 */

export interface BoxResult {
  /** 0-based box index. */
  box: number;
  digit: number;
  probability: number;
  runnerUp: { digit: number; probability: number };
}

/** `class_id = np.argmax(res, axis=1)` with each box's two most probable digits (ties: the smaller digit first, as argmax). */
export function readDigits(probabilities: readonly (readonly number[])[]): BoxResult[] {
  return probabilities.map((row, box) => {
    const order = row.map((probability, digit) => ({ digit, probability })).sort((a, b) => b.probability - a.probability || a.digit - b.digit);
    return { box, digit: order[0]!.digit, probability: order[0]!.probability, runnerUp: order[1] ?? { digit: order[0]!.digit, probability: 0 } };
  });
}

/** A probability as the page prints it: `99.1%`, `< 0.1%`. */
export function percent(p: number): string {
  return p < 0.0005 ? '< 0.1%' : `${(p * 100).toFixed(1)}%`;
}

/** One line of the result list, e.g. `1번 칸: 0 (99.1%) · 다음 후보 6 (0.5%)`. */
export function describeBox(result: BoxResult): string {
  return `${result.box + 1}번 칸: ${result.digit} (${percent(result.probability)}) · 다음 후보 ${result.runnerUp.digit} (${percent(result.runnerUp.probability)})`;
}

import { describe, expect, it } from 'vitest';
import { describeBox, percent, readDigits } from './results.ts';

describe('reading the digits (np.argmax(res, axis=1))', () => {
  it('takes the most probable digit of each box and its runner-up', () => {
    const row = (hot: number, second: number) => Array.from({ length: 10 }, (_, d) => (d === hot ? 0.9 : d === second ? 0.07 : 0.03 / 8));
    const read = readDigits([row(0, 6), row(3, 8), row(1, 7)]);
    expect(read.map((r) => r.digit)).toEqual([0, 3, 1]);
    expect(read[1]!.runnerUp.digit).toBe(8);
    expect(describeBox(read[0]!)).toBe('1번 칸: 0 (90.0%) · 다음 후보 6 (7.0%)');
  });

  it('breaks ties toward the smaller digit, as argmax does', () => {
    expect(readDigits([[0, 0.5, 0, 0.5, 0, 0, 0, 0, 0, 0]])[0]!.digit).toBe(1);
  });

  it('prints tiny probabilities as < 0.1%', () => {
    expect(percent(0.0001)).toBe('< 0.1%');
    expect(percent(0.9876)).toBe('98.8%');
  });
});

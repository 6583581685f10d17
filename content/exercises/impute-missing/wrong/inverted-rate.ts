// expect-fail: synthetic.rate
// next() > rate instead of next() < rate: a cell is blanked with probability 1 − rate (0.75 for 0.25).
import { print } from 'course';

/** 표의 한 칸: 숫자, 또는 누락(null. 판다스의 NaN이 JSON을 거치면 null이 됩니다). */
export type Cell = number | null;

/** 시드가 같으면 같은 수열을 내는 0 이상 1 미만의 난수 (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 누락(null 또는 NaN)인 칸인지 */
function isMissing(value: Cell): boolean {
  return value === null || Number.isNaN(value);
}

/** 누락된 칸을 0으로 채운 새 표 */
export function fillMissing(rows: Cell[][]): number[][] {
  return rows.map((row) => row.map((value) => (isMissing(value) ? 0 : (value as number))));
}

/** 같은 모양의 표: 누락된 칸은 1, 나머지는 0 */
export function missingMask(rows: Cell[][]): number[][] {
  // 채우기 전의 표에서 봐야 합니다. 채운 뒤에는 원래 0이던 칸과 구분할 수 없습니다.
  return rows.map((row) => row.map((value) => (isMissing(value) ? 1 : 0)));
}

/** 원래 샘플 N개 뒤에, columns의 칸을 각각 rate의 확률로 null로 바꾼 사본 N개를 붙인 새 표 */
export function withSyntheticMissing(rows: number[][], columns: number[], rate: number, seed: number): Cell[][] {
  const next = random(seed);
  const blanked = new Set(columns);
  // row.map이 새 배열을 만들므로 rows의 행은 바뀌지 않습니다.
  const copies = rows.map((row) => row.map((value, j): Cell => (blanked.has(j) && next() > rate ? null : value)));
  return [...rows, ...copies];
}

// 문서의 표 (누락: 2행 0열, 3행 4열)
const table: Cell[][] = [
  [94.08, 200.0, 0.035123, 0.010869, 0.072132],
  [5.058, 0.36506, 0.009759, 100.0, 0.064328],
  [null, 3.961, 0.048617, 0.036862, 0.080865],
  [1955.1, 4.2281, 0.15683, 0.06575, null],
  [4.0507, 2.0422, 0.039377, 0.082756, 0.0326],
];
print(fillMissing(table));
print(missingMask(table));
print(withSyntheticMissing([[1, 2, 3], [4, 5, 6]], [0, 2], 0.5, 1));

import { call, defineGrader, type CheckResult } from '../../../graders/types.ts';
import { customCheck, expectValues } from '../../../graders/checks.ts';
import { mulberry32 } from '../../../src/data/random.ts';

/**
 * Document 000, 4.3 (누락된 값 다루기): fill missing values with 0 (where 0 is not a meaningful
 * value), and, when test data may have missing values the training data lacks, make training
 * samples with missing values on purpose. The document's 5×5 table (pandas output, NaN at row 2
 * column 0 and row 3 column 4) is graded as printed.
 *
 * Missing cells travel as `null`: call arguments reach the browser as JSON, where NaN becomes
 * null, so the grader writes null itself and the same input reaches learner code everywhere.
 */
type Cell = number | null;

const DOCUMENT_TABLE: Cell[][] = [
  [94.08, 200.0, 0.035123, 0.010869, 0.072132],
  [5.058, 0.36506, 0.009759, 100.0, 0.064328],
  [null, 3.961, 0.048617, 0.036862, 0.080865],
  [1955.1, 4.2281, 0.15683, 0.06575, null],
  [4.0507, 2.0422, 0.039377, 0.082756, 0.0326],
];

/** A table where 0 is a real value (counts): filling alone cannot tell those zeros from missing cells. */
const ZEROS_TABLE: Cell[][] = [
  [0, 3, null, 1],
  [2, 0, 1, 0],
  [null, 1, 0, null],
  [0, null, 4, 2],
];

const missing = (v: Cell) => v === null || Number.isNaN(v);
const filled = (rows: Cell[][]) => rows.map((row) => row.map((v) => (missing(v) ? 0 : (v as number))));
const mask = (rows: Cell[][]) => rows.map((row) => row.map((v) => (missing(v) ? 1 : 0)));


/** 400 complete training samples in the spirit of the document's table: five features of very different scales. */
const SCALES = [2000, 200, 0.2, 100, 0.1];
const TRAINING: number[][] = (() => {
  const random = mulberry32(2024);
  return Array.from({ length: 400 }, () => SCALES.map((s) => Math.round(random() * s * 1e4) / 1e4));
})();
const COLUMNS = [0, 4]; // the columns with a NaN in the document's table
const RATE = 0.25;
const RATE_TOLERANCE = 0.06; // the share of 800 cells has sd 0.0153 at rate 0.25 and 0.0173 at 0.6 (sqrt(p(1 − p)/800)): 0.06 is 3.5 sd or more

const synthetic = {
  first: call('synthetic.seed7', 'withSyntheticMissing', [TRAINING, COLUMNS, RATE, 7]),
  again: call('synthetic.seed7.again', 'withSyntheticMissing', [TRAINING, COLUMNS, RATE, 7]),
  otherSeed: call('synthetic.seed8', 'withSyntheticMissing', [TRAINING, COLUMNS, RATE, 8]),
  highRate: call('synthetic.rate0.6', 'withSyntheticMissing', [TRAINING, COLUMNS, 0.6, 3]),
};

type Outcome = Omit<CheckResult, 'id' | 'title'>;

/** The learner's table as rows of cells, or a failure saying what came back instead. */
function asTable(value: unknown, rows: number): Cell[][] | Outcome {
  const fail = (message: string): Outcome => ({ passed: false, message, expected: `${rows}행 × 5열`, actual: JSON.stringify(value)?.slice(0, 60) ?? 'undefined', hint: '원래 샘플 N개 뒤에 사본 N개를 붙인 배열을 돌려주세요: [...rows, ...copies].' });
  if (!Array.isArray(value)) return fail('withSyntheticMissing()이 배열을 반환하지 않았습니다.');
  if (value.length !== rows) return fail(`withSyntheticMissing()이 ${value.length}행을 돌려주었습니다. 원래 ${rows / 2}행 뒤에 사본 ${rows / 2}행을 붙인 ${rows}행이어야 합니다.`);
  if (value.some((row) => !Array.isArray(row) || row.length !== 5 || row.some((v: unknown) => v !== null && typeof v !== 'number'))) return fail('행마다 숫자나 null 다섯 개여야 합니다.');
  return value as Cell[][];
}

const isOutcome = (v: Cell[][] | Outcome): v is Outcome => !Array.isArray(v);
const N = TRAINING.length;

/** Share of the chosen columns' cells that are null in the copies. */
function nullShare(table: Cell[][]): number {
  let count = 0;
  for (const row of table.slice(N)) for (const j of COLUMNS) if (missing(row[j]!)) count += 1;
  return count / (N * COLUMNS.length);
}

export default defineGrader({
  checks: [
    expectValues({
      id: 'fill.document',
      title: '문서의 5×5 표에서 누락 칸을 0으로',
      call: { name: 'fillMissing', args: [DOCUMENT_TABLE] },
      expected: filled(DOCUMENT_TABLE),
      tolerance: 1e-9,
      hint: '누락된 칸(null 또는 NaN)만 0으로 바꾸고 나머지는 그대로 두세요. 열의 평균 같은 다른 값으로 채우는 것은 이 실습의 방법이 아닙니다. Number.isNaN(null)은 false입니다.',
    }),
    expectValues({
      id: 'mask.document',
      title: '문서의 5×5 표의 누락 마스크',
      call: { name: 'missingMask', args: [DOCUMENT_TABLE] },
      expected: mask(DOCUMENT_TABLE),
      tolerance: 0,
      hint: '누락된 칸(2행 0열, 3행 4열)만 1입니다.',
    }),
    expectValues({
      id: 'fill.zeros',
      title: '0이 실제 값인 표를 0으로 채우기',
      call: { name: 'fillMissing', args: [ZEROS_TABLE] },
      expected: filled(ZEROS_TABLE),
      tolerance: 1e-9,
      hint: '원래 0인 칸은 그대로 0이고, 누락된 칸도 0이 됩니다. 그래서 채운 표만으로는 둘을 구분할 수 없습니다.',
    }),
    expectValues({
      id: 'mask.zeros',
      title: '0이 실제 값인 표의 누락 마스크',
      call: { name: 'missingMask', args: [ZEROS_TABLE] },
      expected: mask(ZEROS_TABLE),
      tolerance: 0,
      hint: '마스크는 채우기 전의 표에서 null(또는 NaN)인 칸만 1입니다. 채운 표에서 0인 칸을 찾으면 원래 0이던 칸까지 1이 됩니다.',
    }),
    customCheck(
      'synthetic.original',
      '원래 샘플 400개는 그대로 (앞 400행)',
      (context): Outcome => {
        const table = asTable(context.values?.[synthetic.first.key], 2 * N);
        if (isOutcome(table)) return table;
        const bad = TRAINING.findIndex((row, i) => row.some((v, j) => table[i]![j] !== v));
        if (bad === -1) return { passed: true, message: `앞 ${N}행이 받은 표와 같습니다.` };
        return {
          passed: false,
          message: `${bad}번 행이 받은 표와 다릅니다. 원래 샘플은 바꾸지 말고, 누락 값은 사본에만 만드세요.`,
          expected: JSON.stringify(TRAINING[bad]),
          actual: JSON.stringify(table[bad]),
          hint: '행을 그대로 고치면(row[j] = null) 원래 샘플도 바뀝니다. row.map(…)으로 새 행을 만드세요.',
        };
      },
      { calls: [synthetic.first] },
    ),
    customCheck(
      'synthetic.copy',
      '사본은 고른 열(0열, 4열)에만 누락 값',
      (context): Outcome => {
        const table = asTable(context.values?.[synthetic.first.key], 2 * N);
        if (isOutcome(table)) return table;
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < 5; j++) {
            const v = table[N + i]![j]!;
            const ok = v === TRAINING[i]![j] || (COLUMNS.includes(j) && v === null);
            if (!ok) {
              return {
                passed: false,
                message: `사본 ${i}번 행(전체 ${N + i}번 행)의 ${j}열이 ${JSON.stringify(v)}입니다. ${COLUMNS.includes(j) ? '원래 값이나 null' : `고르지 않은 열이므로 원래 값 ${TRAINING[i]![j]}`}이어야 합니다.`,
                expected: COLUMNS.includes(j) ? `${TRAINING[i]![j]} 또는 null` : String(TRAINING[i]![j]),
                actual: JSON.stringify(v),
                hint: '사본은 원래 행과 같은 순서로 만들고, columns에 든 열의 칸만 null로 바꿀 수 있습니다. 누락은 0이 아니라 null로 표시하세요(0으로 채우는 것은 fillMissing의 몫입니다).',
              };
            }
          }
        }
        return { passed: true, message: `사본 ${N}행이 원래 행과 같고, 바뀐 칸은 모두 0열·4열의 null입니다.` };
      },
      { calls: [synthetic.first] },
    ),
    customCheck(
      'synthetic.rate',
      `누락 비율이 rate에 가깝게 (±${RATE_TOLERANCE})`,
      (context): Outcome => {
        const results: [number, Cell[][] | Outcome][] = [
          [RATE, asTable(context.values?.[synthetic.first.key], 2 * N)],
          [0.6, asTable(context.values?.[synthetic.highRate.key], 2 * N)],
        ];
        const shares: string[] = [];
        for (const [rate, table] of results) {
          if (isOutcome(table)) return table;
          const share = nullShare(table);
          shares.push(`rate ${rate} → ${share.toFixed(3)}`);
          if (!(Math.abs(share - rate) <= RATE_TOLERANCE)) {
            return {
              passed: false,
              message: `rate ${rate}인데 사본의 0열·4열 칸 ${N * COLUMNS.length}개 가운데 ${(share * 100).toFixed(1)}%가 null입니다.`,
              expected: `${rate - RATE_TOLERANCE} – ${rate + RATE_TOLERANCE}`,
              actual: share.toFixed(3),
              hint: '칸마다 next() < rate이면 null로 바꾸세요: 그러면 칸이 null이 될 확률이 rate입니다. 고른 열 밖의 칸이나 행 전체를 세지 않았는지도 확인하세요.',
            };
          }
        }
        return { passed: true, message: `사본의 0열·4열에서 null의 비율: ${shares.join(', ')}.` };
      },
      { calls: [synthetic.first, synthetic.highRate] },
    ),
    customCheck(
      'synthetic.seeded',
      '같은 시드는 같은 결과, 다른 시드는 다른 결과',
      (context): Outcome => {
        const [first, again, other] = [synthetic.first, synthetic.again, synthetic.otherSeed].map((c) => asTable(context.values?.[c.key], 2 * N));
        for (const t of [first, again, other]) if (isOutcome(t!)) return t as Outcome;
        const same = (a: Cell[][], b: Cell[][]) => a.every((row, i) => row.every((v, j) => v === b[i]![j]));
        if (!same(first as Cell[][], again as Cell[][])) {
          return { passed: false, message: '시드 7로 두 번 불렀는데 결과가 다릅니다.', expected: '같은 표', actual: '다른 표', hint: 'Math.random 대신 시작 코드의 random(seed)로 만든 난수를 쓰세요.' };
        }
        if (same(first as Cell[][], other as Cell[][])) {
          return { passed: false, message: '시드 7과 시드 8의 결과가 같습니다.', expected: '다른 표', actual: '같은 표', hint: 'random(seed)에 받은 seed를 넘기세요.' };
        }
        return { passed: true, message: '시드 7로 두 번 부른 결과가 같고, 시드 8의 결과는 다릅니다.' };
      },
      { calls: [synthetic.first, synthetic.again, synthetic.otherSeed] },
    ),
  ],
});

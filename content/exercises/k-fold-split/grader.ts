import { call, defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck } from '../../../graders/checks.ts';

/**
 * Document 000 4.2: K-fold cross-validation splits the data into K equal parts; fold i validates
 * on part i and trains on the other K − 1. The learner's kFold(n, k, { shuffle, seed }) returns
 * index lists, so every check is a property of index lists, cheap and exact. Part sizes follow
 * scikit-learn's KFold (the first n % k parts get one more), the convention the task states.
 */
interface Fold {
  train: number[];
  validation: number[];
}
interface Case {
  n: number;
  k: number;
  shuffle: boolean;
  seed: number;
}

const kFoldCall = (key: string, c: Case) => call(key, 'kFold', [c.n, c.k, { shuffle: c.shuffle, seed: c.seed }]);

// Not divisible (10/3, 7/5, 101/5) next to divisible ones; k = n (leave-one-out) once; 20/5 is the document's five folds.
const IN_ORDER: Case[] = [
  { n: 10, k: 3, shuffle: false, seed: 0 },
  { n: 12, k: 4, shuffle: false, seed: 0 },
  { n: 7, k: 5, shuffle: false, seed: 0 },
  { n: 20, k: 5, shuffle: false, seed: 0 },
  { n: 6, k: 6, shuffle: false, seed: 0 },
];
const SHUFFLED: Case[] = [
  { n: 10, k: 3, shuffle: true, seed: 1 },
  { n: 50, k: 4, shuffle: true, seed: 3 },
  { n: 101, k: 5, shuffle: true, seed: 4 },
  { n: 1000, k: 10, shuffle: true, seed: 5 },
];
const CASES = [...IN_ORDER, ...SHUFFLED].map((c) => ({ ...c, made: kFoldCall(`kfold#${c.n}-${c.k}-${c.shuffle ? `seed${c.seed}` : 'ordered'}`, c) }));
const inOrder = CASES.filter((c) => !c.shuffle);
const shuffledCases = CASES.filter((c) => c.shuffle && c.n >= 50);
const SAME_SEED = { ...SHUFFLED[0]!, made: kFoldCall('kfold#10-3-seed1-again', SHUFFLED[0]!) };
const OTHER_SEED = { ...SHUFFLED[0]!, seed: 2, made: kFoldCall('kfold#10-3-seed2', { ...SHUFFLED[0]!, seed: 2 }) };

type Made = (typeof CASES)[number];
const label = (c: Case) => `kFold(${c.n}, ${c.k}, { shuffle: ${c.shuffle}${c.shuffle ? `, seed: ${c.seed}` : ''} })`;
const sizeOf = (c: Case, i: number) => Math.floor(c.n / c.k) + (i < c.n % c.k ? 1 : 0);

const isIndexList = (v: unknown): v is number[] => (Array.isArray(v) || ArrayBuffer.isView(v)) && Array.from(v as ArrayLike<unknown>).every((x) => Number.isInteger(x));

/** The learner's folds for one call, or what is wrong with their form. */
function foldsOf(context: GradingContext, c: Case & { made: { key: string } }): Fold[] | { message: string } {
  const v = context.values?.[c.made.key];
  if (!Array.isArray(v)) return { message: `${label(c)}가 폴드의 배열을 반환하지 않았습니다.` };
  if (v.length !== c.k) return { message: `${label(c)}가 폴드 ${v.length}개를 반환했습니다. k = ${c.k}개여야 합니다.` };
  const folds: Fold[] = [];
  for (const [i, f] of v.entries()) {
    const { train, validation } = (f ?? {}) as Partial<Record<keyof Fold, unknown>>;
    if (!isIndexList(train) || !isIndexList(validation)) {
      return { message: `${label(c)}의 ${i + 1}번째 폴드가 { train: 정수 배열, validation: 정수 배열 } 모양이 아닙니다.` };
    }
    folds.push({ train: Array.from(train), validation: Array.from(validation) });
  }
  return folds;
}

const failed = (message: string, hint?: string) => ({ passed: false, message, ...(hint ? { hint } : {}) });

/** Runs `test` on `cases`; the first problem is the result. */
function onCases(context: GradingContext, cases: readonly Made[], test: (folds: Fold[], c: Case) => string | undefined, passed: string, hint: string) {
  for (const c of cases) {
    const folds = foldsOf(context, c);
    if ('message' in folds) return failed(folds.message);
    const problem = test(folds, c);
    if (problem) return failed(`${label(c)}: ${problem}`, hint);
  }
  return { passed: true, message: passed };
}

const callsOf = (cases: readonly Made[]) => ({ calls: cases.map((c) => c.made) });
/** Whether a fold's validation numbers are the run start … start + length − 1, in any order. */
const isRun = (validation: number[], start: number) => [...validation].sort((a, b) => a - b).every((v, j) => v === start + j);

export default defineGrader({
  checks: [
    customCheck(
      'kfold.form',
      '폴드 k개, 폴드마다 train과 validation',
      (context) =>
        onCases(context, CASES, () => undefined, `${CASES.length}가지 (n, k)에서 모두 { train, validation } 폴드 k개를 반환합니다.`, ''),
      callsOf(CASES),
    ),
    customCheck(
      'kfold.partition',
      '검증 분할이 겹치지 않고 모든 샘플을 한 번씩 덮음',
      (context) =>
        onCases(
          context,
          CASES,
          (folds, c) => {
            const seen = new Uint16Array(c.n);
            for (const [i, fold] of folds.entries()) {
              for (const v of fold.validation) {
                if (v < 0 || v >= c.n) return `${i + 1}번째 폴드의 검증 번호 ${v}는 0–${c.n - 1} 밖입니다.`;
                if (seen[v]) return `샘플 ${v}번이 검증에 두 번 들어 있습니다 (${i + 1}번째 폴드에서 또). 검증 분할은 서로 겹치면 안 됩니다.`;
                seen[v] = 1;
              }
            }
            const missing = seen.indexOf(0);
            return missing >= 0 ? `샘플 ${missing}번이 어느 폴드에서도 검증되지 않습니다 (검증되지 않는 샘플 ${seen.filter((s) => s === 0).length}개).` : undefined;
          },
          '모든 경우에 샘플마다 정확히 한 폴드에서 검증됩니다.',
          '번호를 한 번만 섞고, 그 순서를 겹치지 않는 k개의 조각으로 자르세요. 나머지 n % k개도 어느 조각엔가 들어가야 합니다.',
        ),
      callsOf(CASES),
    ),
    customCheck(
      'kfold.complement',
      '폴드마다 학습 = 검증을 뺀 나머지 전부',
      (context) =>
        onCases(
          context,
          CASES,
          (folds, c) => {
            for (const [i, fold] of folds.entries()) {
              const held = new Set(fold.validation);
              const train = new Set(fold.train);
              if (train.size !== fold.train.length) return `${i + 1}번째 폴드의 학습 번호에 같은 번호가 두 번 있습니다.`;
              const leaked = fold.train.find((v) => held.has(v));
              if (leaked !== undefined) return `${i + 1}번째 폴드에서 샘플 ${leaked}번이 학습과 검증에 모두 있습니다. 검증할 샘플로 학습하면 검증 점수가 부풀려집니다.`;
              for (let v = 0; v < c.n; v++) {
                if (!held.has(v) && !train.has(v)) return `${i + 1}번째 폴드에서 샘플 ${v}번이 학습에도 검증에도 없습니다.`;
              }
              if (fold.train.length + held.size !== c.n) return `${i + 1}번째 폴드의 학습 번호에 0–${c.n - 1} 밖의 번호가 있습니다.`;
            }
            return undefined;
          },
          '폴드마다 학습 번호가 검증 번호를 뺀 나머지 전부입니다.',
          '학습 번호는 0 … n−1 가운데 그 폴드의 검증 번호가 아닌 것 전부입니다 (filter와 Set).',
        ),
      callsOf(CASES),
    ),
    customCheck(
      'kfold.sizes',
      '분할 크기: 앞의 n % k개가 하나씩 더',
      (context) =>
        onCases(
          context,
          CASES,
          (folds, c) => {
            const sizes = folds.map((f) => f.validation.length);
            const want = folds.map((_, i) => sizeOf(c, i));
            return sizes.some((s, i) => s !== want[i]) ? `검증 분할의 크기가 [${sizes.join(', ')}]입니다. [${want.join(', ')}]이어야 합니다.` : undefined;
          },
          '분할 크기가 scikit-learn과 같습니다: 크기 차이는 많아야 1이고, 앞의 n % k개 분할이 하나씩 더 큽니다.',
          'i번째 분할의 크기는 ⌊n/k⌋에, i < n % k이면 1을 더한 값입니다.',
        ),
      callsOf(CASES),
    ),
    customCheck(
      'kfold.contiguous',
      'shuffle: false이면 앞에서부터 차례로 자른 연속 구간',
      (context) =>
        onCases(
          context,
          inOrder,
          (folds) => {
            let start = 0;
            for (const [i, fold] of folds.entries()) {
              if (!isRun(fold.validation, start)) {
                return `${i + 1}번째 폴드의 검증 번호 [${fold.validation.slice(0, 8).join(', ')}${fold.validation.length > 8 ? ', …' : ''}]가 ${start}부터 이어지는 연속 구간이 아닙니다.`;
              }
              start += fold.validation.length;
            }
            return undefined;
          },
          '섞지 않으면 폴드 1이 맨 앞 분할, 폴드 2가 그다음 분할, … 로 검증합니다.',
          'shuffle이 false이면 번호를 섞지 말고 0, 1, 2, … 순서 그대로 잘라, 폴드 i가 i번째 조각으로 검증하게 하세요. 문서의 표는 마지막 분할부터 검증하지만(평균은 같습니다), 이 함수는 scikit-learn처럼 첫 분할부터 셉니다.',
        ),
      callsOf(inOrder),
    ),
    customCheck(
      'kfold.shuffled',
      'shuffle: true이면 섞은 뒤에 나눔',
      (context) =>
        onCases(
          context,
          shuffledCases,
          (folds) => {
            let start = 0;
            const unshuffled = folds.every((fold) => {
              const run = isRun(fold.validation, start);
              start += fold.validation.length;
              return run;
            });
            return unshuffled ? 'shuffle: true인데 검증 분할이 섞지 않은 연속 구간 그대로입니다.' : undefined;
          },
          'shuffle: true이면 검증 분할이 연속 구간이 아니라 섞인 번호들입니다.',
          'options.shuffle이면 번호를 먼저 시드로 섞고(shuffled(indices, random(seed))) 그 순서를 자르세요.',
        ),
      callsOf(shuffledCases),
    ),
    customCheck(
      'kfold.seeded',
      '시드가 같으면 같은 폴드, 다르면 다른 폴드',
      (context) => {
        const [a, b, c] = [CASES.find((x) => x.made.key === 'kfold#10-3-seed1')!, SAME_SEED, OTHER_SEED].map((x) => foldsOf(context, x));
        for (const folds of [a, b, c]) if ('message' in folds!) return failed(folds.message);
        const asSets = (folds: Fold[]) => JSON.stringify(folds.map((f) => [...f.validation].sort((x, y) => x - y)));
        if (JSON.stringify(a) !== JSON.stringify(b)) return failed('kFold(10, 3, { shuffle: true, seed: 1 })을 두 번 불렀는데 결과가 다릅니다.', 'Math.random 대신 seed로 시작하는 난수 생성기(random(seed))로 섞으세요.');
        if (asSets(a as Fold[]) === asSets(c as Fold[])) return failed('seed 1과 seed 2가 같은 검증 분할을 만듭니다.', '섞을 때 options.seed를 난수 생성기에 넘기세요.');
        return { passed: true, message: '같은 시드는 같은 폴드를, 다른 시드는 다른 폴드를 만듭니다.' };
      },
      { calls: [CASES.find((x) => x.made.key === 'kfold#10-3-seed1')!.made, SAME_SEED.made, OTHER_SEED.made] },
    ),
  ],
});

import { call, defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck } from '../../../graders/checks.ts';

/**
 * Document 004, Fashion-MNIST model 4: it appends 20,000 augmented copies to the 60,000 training
 * images and then fits with validation_split=0.3, which (in Keras and in TF.js's fit alike) takes
 * the LAST 30% of the arrays, so the validation set is made of augmented images whose originals
 * sit in the training part. The learner's planModel4Data() must split first and augment only the
 * training part. It returns rows ({ source, augmented }), so the checks are properties of index
 * lists: cheap, no images and no training.
 */
interface Row {
  source: number;
  augmented: boolean;
}
interface Plan {
  train: Row[];
  validation: Row[];
}

const SMALL = { count: 100, augmentSize: 40, validationSplit: 0.3 };
const DOCUMENT = { count: 60_000, augmentSize: 20_000, validationSplit: 0.3 };
const args = (c: typeof SMALL, seed: number) => [c.count, c.augmentSize, c.validationSplit, seed];

const CALLS = {
  small: call('plan#small', 'planModel4Data', args(SMALL, 1)),
  again: call('plan#again', 'planModel4Data', args(SMALL, 1)),
  otherSeed: call('plan#other-seed', 'planModel4Data', args(SMALL, 2)),
  document: call('plan#document', 'planModel4Data', args(DOCUMENT, 7)),
};
const CASES = [
  { made: CALLS.small, sizes: SMALL },
  { made: CALLS.document, sizes: DOCUMENT },
] as const;

const isRow = (r: unknown): r is Row =>
  typeof r === 'object' && r !== null && Number.isInteger((r as Row).source) && typeof (r as Row).augmented === 'boolean';

/** The learner's plan for `made`, or what is wrong with its form. */
function planOf(context: GradingContext, made: { key: string }): Plan | { message: string } {
  const v = context.values?.[made.key] as Partial<Plan> | undefined;
  if (typeof v !== 'object' || v === null || !Array.isArray(v.train) || !Array.isArray(v.validation)) {
    return { message: 'planModel4Data()가 { train, validation } 모양의 객체를 반환하지 않았습니다.' };
  }
  if (![...v.train, ...v.validation].every(isRow)) return { message: '행마다 { source: 정수, augmented: true/false } 모양이어야 합니다.' };
  return v as Plan;
}

const failed = (message: string, hint?: string) => ({ passed: false, message, ...(hint ? { hint } : {}) });
const n = (x: number) => x.toLocaleString('en-US');
const sizesText = (s: typeof SMALL) => `원본 ${n(s.count)}장, 증강 ${n(s.augmentSize)}장, 검증 ${s.validationSplit * 100}%`;

/** Runs `test` on both cases (the small one and the document's sizes); the first problem is the result. */
function onBothCases(context: GradingContext, test: (plan: Plan, sizes: typeof SMALL) => string | undefined, passed: string) {
  for (const { made, sizes } of CASES) {
    const plan = planOf(context, made);
    if ('message' in plan) return failed(plan.message);
    const problem = test(plan, sizes);
    if (problem) return failed(`${sizesText(sizes)}일 때: ${problem}`);
  }
  return { passed: true, message: passed };
}

const bothCalls = { calls: [CALLS.small, CALLS.document] };
const augmentedSources = (plan: Plan) => plan.train.filter((r) => r.augmented).map((r) => r.source);

export default defineGrader({
  checks: [
    customCheck(
      'split.validation-originals',
      '검증 세트에는 원본만',
      (context) => {
        const result = onBothCases(
          context,
          (plan) => {
            const bad = plan.validation.filter((r) => r.augmented).length;
            return bad > 0 ? `검증 세트 ${n(plan.validation.length)}장 중 ${n(bad)}장이 증강본입니다.` : undefined;
          },
          '검증 세트에 증강본이 하나도 없습니다.',
        );
        return result.passed ? result : { ...result, hint: '증강본을 붙인 뒤 끝의 30%를 자르면(validation_split) 검증 세트가 증강본으로 채워집니다. 원본을 먼저 나누세요.' };
      },
      bothCalls,
    ),
    customCheck(
      'split.validation-size',
      '검증 세트의 크기',
      (context) =>
        onBothCases(
          context,
          (plan, s) => {
            const want = s.count * s.validationSplit;
            return Math.abs(plan.validation.length - want) > 1 ? `검증 세트가 ${n(plan.validation.length)}장입니다. 원본의 ${s.validationSplit * 100}%인 ${n(want)}장이어야 합니다.` : undefined;
          },
          '검증 세트가 원본 이미지의 30%입니다.',
        ),
      bothCalls,
    ),
    customCheck(
      'split.partition',
      '원본이 빠짐없이 한 번씩',
      (context) =>
        onBothCases(
          context,
          (plan, s) => {
            const seen = new Uint8Array(s.count);
            for (const r of [...plan.train, ...plan.validation]) {
              if (r.augmented) continue;
              if (r.source < 0 || r.source >= s.count) return `원본 번호 ${r.source}는 0~${s.count - 1} 밖입니다.`;
              if (seen[r.source]) return `원본 ${r.source}번이 두 번 들어 있습니다. 훈련과 검증에 같은 원본이 있으면 검증이 훈련 이미지를 재게 됩니다.`;
              seen[r.source] = 1;
            }
            const missing = seen.indexOf(0);
            return missing >= 0 ? `원본 ${missing}번이 훈련에도 검증에도 없습니다.` : undefined;
          },
          '원본 이미지가 훈련이나 검증 중 한 곳에 꼭 한 번씩 들어 있습니다.',
        ),
      bothCalls,
    ),
    customCheck(
      'split.no-leak',
      '검증 이미지의 증강본이 훈련 세트에 없음',
      (context) => {
        const result = onBothCases(
          context,
          (plan) => {
            const validation = new Set(plan.validation.map((r) => r.source));
            const leaked = augmentedSources(plan).filter((source) => validation.has(source)).length;
            return leaked > 0 ? `훈련 세트의 증강본 ${n(leaked)}장이 검증 이미지를 변형한 것입니다. 모델이 검증 이미지의 변형을 보며 학습하게 됩니다.` : undefined;
          },
          '증강본은 모두 훈련 쪽 원본에서 만들었습니다.',
        );
        return result.passed ? result : { ...result, hint: '증강할 원본은 검증 세트를 떼어 낸 뒤 남은 훈련 이미지에서만 고르세요.' };
      },
      bothCalls,
    ),
    customCheck(
      'split.augmented-count',
      '증강본의 수와 출처',
      (context) =>
        onBothCases(
          context,
          (plan, s) => {
            const sources = augmentedSources(plan);
            if (sources.length !== s.augmentSize) return `훈련 세트의 증강본이 ${n(sources.length)}장입니다. ${n(s.augmentSize)}장이어야 합니다.`;
            if (sources.some((source) => source < 0 || source >= s.count)) return '증강본의 원본 번호가 범위를 벗어났습니다.';
            const distinct = new Set(sources).size;
            return distinct !== sources.length ? `증강본 ${n(sources.length)}장의 원본이 ${n(distinct)}가지뿐입니다. 문서의 permutation(...)[:20000]처럼 원본을 겹치지 않게 고르세요.` : undefined;
          },
          '증강본이 정한 수만큼, 서로 다른 원본에서 만들어졌습니다.',
        ),
      bothCalls,
    ),
    customCheck(
      'split.seeded',
      '시드가 같으면 같은 결과',
      (context) => {
        const [a, b, c] = [CALLS.small, CALLS.again, CALLS.otherSeed].map((made) => planOf(context, made));
        for (const p of [a, b, c]) if ('message' in p!) return failed(p.message);
        const key = (value: unknown) => JSON.stringify(value);
        if (key(a) !== key(b)) return failed('같은 시드로 두 번 불렀는데 결과가 다릅니다.', 'Math.random 대신 seed로 시작하는 난수 생성기(random(seed))를 쓰세요.');
        if (key(a) === key(c)) return failed('시드를 바꿔도 결과가 같습니다.', '증강할 원본은 시드로 섞어서 고르세요.');
        return { passed: true, message: '같은 시드는 같은 결과를, 다른 시드는 다른 결과를 냅니다.' };
      },
      { calls: [CALLS.small, CALLS.again, CALLS.otherSeed] },
    ),
  ],
});

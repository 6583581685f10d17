import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';
import { mulberry32 } from '../../../src/data/random.ts';

/**
 * Document 000, 4.5, step 5 (기본보다 나은 모델): the baselines a first model has to beat, from
 * the labels alone. Majority: always predict the most frequent class (its share). Random: predict
 * by drawing from the label distribution, independent of the input (shuffled labels), whose
 * expected accuracy is the sum of the squared class shares; 1/K for K balanced classes. The
 * majority baseline is never below it (sum p² ≤ max p · sum p = max p).
 *
 * Labels are generated with exact class counts, then shuffled with a seeded generator, so the
 * expected values are known fractions; they are counted again here rather than stored.
 */

/** `counts[label]` copies of each label, in a seeded random order (Fisher–Yates). */
function labelsWith(counts: Record<number, number>, seed: number): number[] {
  const labels = Object.entries(counts).flatMap(([label, n]) => Array<number>(n).fill(Number(label)));
  const random = mulberry32(seed);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return labels;
}

/** The labels with one `minority` label swapped to the front, so "the first label's class" is not the majority. */
function minorityFirst(labels: number[], minority: number): number[] {
  const out = [...labels];
  const at = out.indexOf(minority);
  [out[0], out[at]] = [out[at]!, out[0]!];
  return out;
}

const shares = (labels: number[]) => {
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.values()].map((n) => n / labels.length);
};
const majority = (labels: number[]) => Math.max(...shares(labels));
const random = (labels: number[]) => shares(labels).reduce((s, p) => s + p * p, 0);

const CASES = [
  { id: 'balanced', title: '개수가 같은 두 클래스 (500 대 500)', labels: labelsWith({ 0: 500, 1: 500 }, 1) },
  { id: 'imbalanced', title: '치우친 두 클래스 (900 대 100)', labels: minorityFirst(labelsWith({ 0: 900, 1: 100 }, 2), 1) },
  { id: 'multiclass', title: '열 클래스 (80–120개씩, 모두 1,000개)', labels: labelsWith({ 0: 120, 1: 80, 2: 100, 3: 95, 4: 105, 5: 90, 6: 110, 7: 100, 8: 85, 9: 115 }, 3) },
  { id: 'tshirt-shirt', title: '레이블 0(티셔츠/탑) 480개와 6(셔츠) 520개', labels: labelsWith({ 0: 480, 6: 520 }, 4) },
];

export default defineGrader({
  checks: [
    ...CASES.map((c) =>
      expectValues({
        id: `majority.${c.id}`,
        title: `다수 클래스 기준선: ${c.title}`,
        call: { name: 'majorityBaseline', args: [c.labels] },
        expected: majority(c.labels),
        tolerance: 1e-6,
        hint: '가장 많은 클래스의 개수 ÷ 전체 개수입니다. 클래스 번호가 아니라 비율(0–1)을 돌려주세요. 레이블 값이 0과 1만 있다고 가정하지 마세요.',
      }),
    ),
    ...CASES.map((c) =>
      expectValues({
        id: `random.${c.id}`,
        title: `무작위 기준선: ${c.title}`,
        call: { name: 'randomBaseline', args: [c.labels] },
        expected: random(c.labels),
        tolerance: 1e-6,
        hint: '클래스마다 비율 p = 개수 / 전체를 구해 p²을 모두 더하세요. 1 / 클래스 수는 개수가 모두 같을 때만 맞습니다.',
      }),
    ),
  ],
});

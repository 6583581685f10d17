// expect-fail: majority.balanced
// Returns the majority class's label (0 or 1) instead of its share of the labels.
import { print } from 'course';

/** 레이블 값마다 개수 (레이블이 0부터 차례로 붙어 있지 않아도 됩니다) */
function countLabels(labels: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

/** 언제나 가장 많은 클래스로 예측할 때의 정확도 (0–1) */
export function majorityBaseline(labels: number[]): number {
  const counts = countLabels(labels);
  let best = labels[0]!;
  for (const [label, count] of counts) if (count > (counts.get(best) ?? 0)) best = label;
  return best; // the class, not the accuracy
}

/** 레이블의 비율대로 무작위로 예측할 때 기대하는 정확도: p_k의 제곱의 합 (0–1) */
export function randomBaseline(labels: number[]): number {
  const counts = countLabels(labels);
  // 예측과 정답이 서로 독립이므로, 둘 다 클래스 k일 확률은 p_k · p_k입니다.
  let sum = 0;
  for (const count of counts.values()) sum += (count / labels.length) ** 2;
  return sum;
}

// 티셔츠/탑(0) 3장, 셔츠(6) 1장
print(majorityBaseline([0, 6, 0, 0]), randomBaseline([0, 6, 0, 0])); // 0.75, 0.625

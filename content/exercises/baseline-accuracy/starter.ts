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
  // TODO: 가장 많은 클래스의 개수를 전체 개수로 나누세요. 지금은 첫 레이블의 클래스를 씁니다.
  return (counts.get(labels[0]!) ?? 0) / labels.length;
}

/** 레이블의 비율대로 무작위로 예측할 때 기대하는 정확도: p_k의 제곱의 합 (0–1) */
export function randomBaseline(labels: number[]): number {
  const counts = countLabels(labels);
  // TODO: 클래스마다 비율 p = 개수 / 전체를 구해 p²을 모두 더하세요.
  return 1 / counts.size;
}

// 티셔츠/탑(0) 3장, 셔츠(6) 1장
print(majorityBaseline([0, 6, 0, 0]), randomBaseline([0, 6, 0, 0])); // 0.75, 0.625

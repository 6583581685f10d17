import { print } from 'course';

/**
 * 시곗바늘 끝의 좌표 (x, y)를 각도로 바꿉니다: 도 단위, 양의 x축(3시 방향)에서 시계 반대 방향, 0 이상 360 미만.
 * 원점 (0, 0)에서는 0을 돌려줍니다.
 */
export function handAngle(x: number, y: number): number {
  // atan2는 x와 y의 부호를 모두 보므로 네 사분면을 구분합니다. 원점에서는 0입니다.
  const degrees = (Math.atan2(y, x) * 180) / Math.PI; // −180 … 180
  return degrees < 0 ? degrees + 360 : degrees; // 아래쪽 절반(−180 … 0)을 180 … 360으로
}

// 문서의 네 점: 문서가 적은 값은 45, 0, 90, 140입니다.
for (const [x, y] of [[0.7, 0.7], [0.5, 0], [0, 1], [-0.38, 0.32]] as const) {
  print(`(${x}, ${y}) → ${handAngle(x, y).toFixed(2)}°`);
}

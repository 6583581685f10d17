import { print } from 'course';

/**
 * 시곗바늘 끝의 좌표 (x, y)를 각도로 바꿉니다: 도 단위, 양의 x축(3시 방향)에서 시계 반대 방향, 0 이상 360 미만.
 * 원점 (0, 0)에서는 0을 돌려줍니다.
 */
export function handAngle(x: number, y: number): number {
  // TODO: Math.atan(y / x)는 x < 0인 점(2, 3사분면)의 방향을 구분하지 못합니다. Math.atan2(y, x)를 쓰세요.
  //       Math.atan2는 라디안으로 −π … π를 돌려주므로, 도로 바꾸고 음수이면 360을 더해야 합니다.
  return (Math.atan(y / x) * 180) / Math.PI;
}

// 문서의 네 점: 문서가 적은 값은 45, 0, 90, 140입니다.
for (const [x, y] of [[0.7, 0.7], [0.5, 0], [0, 1], [-0.38, 0.32]] as const) {
  print(`(${x}, ${y}) → ${handAngle(x, y).toFixed(2)}°`);
}

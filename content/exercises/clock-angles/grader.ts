import { call, defineGrader, type CheckResult, type GraderCall } from '../../../graders/types.ts';
import { customCheck } from '../../../graders/checks.ts';

/**
 * Document 000, 4.3 (feature engineering, the clock): hand-tip coordinates → hand angles, in
 * degrees, counter-clockwise from +x. The document prints four points with integer angles; its
 * slide garbles two labels of the second clock ("y2: 1.0" for the first hand, "2: 0.32"), read here
 * as {x1: 0.0, y1: 1.0} and {x2: −0.38, y2: 0.32}.
 *
 * The document rounds: atan2(0.32, −0.38) = 139.899…°, printed 140. So the document's points are
 * compared with its printed values within 0.5° (anything that rounds to the printed integer), and
 * every other point with Math.atan2 itself, wrapped into [0, 360), within 1e-6°.
 */
type Point = readonly [number, number];

/** The angle the exercise asks for: [0, 360), and 0 at the origin (where Math.atan2 gives 0 too). */
function exactAngle([x, y]: Point): number {
  const degrees = (Math.atan2(y, x) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}

const DOCUMENT: { point: Point; printed: number }[] = [
  { point: [0.7, 0.7], printed: 45 },
  { point: [0.5, 0], printed: 0 },
  { point: [0, 1], printed: 90 },
  { point: [-0.38, 0.32], printed: 140 },
];

/** Two points in each quadrant, one of them close to an axis (359.4° tests the wrap just below 360). */
const QUADRANTS: Point[] = [
  [0.3, 0.8],
  [0.9, 0.05],
  [-0.6, 0.45],
  [-0.2, 0.95],
  [-0.5, -0.5],
  [-0.7, -0.1],
  [0.25, -0.9],
  [0.9, -0.01],
];

/** The four half-axes: 0°, 90°, 180°, 270°, with hands of different lengths. */
const AXES: Point[] = [
  [0.8, 0],
  [0, 0.6],
  [-0.4, 0],
  [0, -0.9],
];

const ORIGIN: Point[] = [[0, 0]];

const pointCall = (group: string, [x, y]: Point, i: number): GraderCall => call(`${group}.${i}`, 'handAngle', [x, y]);

const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toFixed(4))) : String(v));
const showPoint = ([x, y]: Point) => `(${x}, ${y})`;

/**
 * One check over a group of points: each returned angle is compared with `want` within
 * `tolerance`; the message names the first point that differs.
 */
function angleCheck(id: string, title: string, points: Point[], want: (i: number) => number, tolerance: number, hint: string, note?: (i: number) => string) {
  const calls = points.map((p, i) => pointCall(id, p, i));
  return customCheck(
    id,
    title,
    (context): Omit<CheckResult, 'id' | 'title'> => {
      const got = calls.map((c) => context.values?.[c.key]);
      const wanted = points.map((_, i) => want(i));
      const bad = got.findIndex((v, i) => typeof v !== 'number' || !(Math.abs(v - wanted[i]!) <= tolerance));
      const list = (values: unknown[]) => values.map((v, i) => `${showPoint(points[i]!)} → ${typeof v === 'number' ? fmt(v) : JSON.stringify(v) ?? 'undefined'}`).join(', ');
      if (bad === -1) return { passed: true, message: `${title}: ${list(got)}`, expected: list(wanted), actual: list(got) };
      const value = got[bad];
      const what = typeof value !== 'number' ? `숫자가 아닌 ${JSON.stringify(value) ?? 'undefined'}` : fmt(value);
      return {
        passed: false,
        message: `${showPoint(points[bad]!)}의 각도가 ${what}입니다. ${fmt(wanted[bad]!)}${note ? note(bad) : ''}이어야 합니다 (허용 오차 ${tolerance}°).`,
        expected: list(wanted),
        actual: list(got),
        hint,
      };
    },
    { calls },
  );
}

export default defineGrader({
  checks: [
    angleCheck(
      'document',
      '문서의 네 점: 45°, 0°, 90°, 140°',
      DOCUMENT.map((d) => d.point),
      (i) => DOCUMENT[i]!.printed,
      0.5,
      '도 단위인지, 양의 x축에서 시계 반대 방향으로 재는지 확인하세요. Math.atan(y / x)는 x < 0인 점을 반대쪽으로 보냅니다: Math.atan2(y, x)를 쓰세요.',
      (i) => ` (문서가 반올림한 값, 정확히는 ${fmt(exactAngle(DOCUMENT[i]!.point))}°)`,
    ),
    angleCheck(
      'quadrants',
      '네 사분면의 점 (0 이상 360 미만)',
      QUADRANTS,
      (i) => exactAngle(QUADRANTS[i]!),
      1e-6,
      'Math.atan2는 −180°에서 180°까지를 돌려줍니다. 음수가 나오면 360을 더해 0 이상 360 미만으로 옮기세요. 반올림하지 마세요.',
    ),
    angleCheck('axes', '축 위의 점: 0°, 90°, 180°, 270°', AXES, (i) => exactAngle(AXES[i]!), 1e-6, '(0, −0.9)는 아래쪽(6시 방향)이므로 270°입니다. x = 0일 때 y / x로 나누지 마세요.'),
    angleCheck('origin', '원점 (0, 0)에서는 0', ORIGIN, () => 0, 1e-6, '길이가 0인 바늘에는 방향이 없습니다. 이 실습은 그때 0을 돌려주기로 했습니다: Math.atan2(0, 0)은 0이지만, x / 0이나 Math.acos(x / r)는 NaN이 됩니다.'),
  ],
});

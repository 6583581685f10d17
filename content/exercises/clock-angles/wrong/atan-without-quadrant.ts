// expect-fail: document
// Math.atan(y / x) cannot tell (x, y) from (−x, −y): the second clock's hand at (−0.38, 0.32) comes out at −40.1°, wrapped to 319.9°, instead of 139.9°.
export function handAngle(x: number, y: number): number {
  if (x === 0) return y > 0 ? 90 : y < 0 ? 270 : 0;
  const degrees = (Math.atan(y / x) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}

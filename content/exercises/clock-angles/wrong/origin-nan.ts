// expect-fail: origin
// The angle from the cosine, acos(x / r): right everywhere else, but r = 0 at the origin makes it NaN.
export function handAngle(x: number, y: number): number {
  const r = Math.hypot(x, y);
  const degrees = (Math.acos(x / r) * 180) / Math.PI; // 0 … 180
  return y < 0 ? 360 - degrees : degrees;
}

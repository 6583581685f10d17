// expect-fail: document
// Measured the way a clock face reads (clockwise from 12 o'clock, atan2(x, y)): (0.5, 0) becomes 90° instead of 0°.
export function handAngle(x: number, y: number): number {
  const degrees = (Math.atan2(x, y) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}

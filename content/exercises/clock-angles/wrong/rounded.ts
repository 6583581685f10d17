// expect-fail: quadrants
// Rounded to whole degrees, as the document prints them: right on the document's points, 0.4° off on (0.3, 0.8) (69.44°).
export function handAngle(x: number, y: number): number {
  const degrees = (Math.atan2(y, x) * 180) / Math.PI;
  return Math.round(degrees < 0 ? degrees + 360 : degrees) % 360;
}

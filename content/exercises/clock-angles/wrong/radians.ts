// expect-fail: document
// The angle left in radians (0 … 2π): 0.785 for the first hand instead of 45.
export function handAngle(x: number, y: number): number {
  const radians = Math.atan2(y, x);
  return radians < 0 ? radians + 2 * Math.PI : radians;
}

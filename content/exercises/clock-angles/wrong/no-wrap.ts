// expect-fail: quadrants
// Math.atan2's range kept (−180° … 180°): the document's four points all lie in the upper half and pass, but (−0.5, −0.5) gives −135° instead of 225°.
export function handAngle(x: number, y: number): number {
  return (Math.atan2(y, x) * 180) / Math.PI;
}

/**
 * Receptive fields for the figure ReceptiveField.astro (document 004, 유효 수용 영역):
 *
 * - The theoretical receptive field of a stack of layers: r grows by (k − 1)·j per layer, where j,
 *   the distance in input pixels between neighbouring outputs, is multiplied by each stride.
 * - The effective one: |∂y/∂x| of the centre output y over the input x. For `depth` stacked k×k
 *   convolutions whose weights are all 1 (linear, no bias), the gradient at an input pixel is the
 *   number of paths from it to y: the k-box convolved with itself depth times, in each axis (tested
 *   against tf.grad). It peaks in the middle and looks more and more like a Gaussian.
 * Pure: no DOM.
 */

export interface LayerGeometry {
  kernel: number;
  stride: number;
}

/** Side of the input region one output of the stack sees. */
export function receptiveField(layers: readonly LayerGeometry[]): number {
  let size = 1;
  let jump = 1;
  for (const { kernel, stride } of layers) {
    size += (kernel - 1) * jump;
    jump *= stride;
  }
  return size;
}

/** The k-box convolved with itself `depth` times: 1 + depth·(k − 1) path counts along one axis. */
export function pathProfile(depth: number, kernel: number): number[] {
  let profile = [1];
  for (let layer = 0; layer < depth; layer++) {
    const next = new Array<number>(profile.length + kernel - 1).fill(0);
    profile.forEach((v, i) => {
      for (let t = 0; t < kernel; t++) next[i + t]! += v;
    });
    profile = next;
  }
  return profile;
}

/** |∂y/∂x| over the receptive field for all-ones k×k kernels: the outer product of two profiles. */
export function centerGradient(depth: number, kernel: number): number[][] {
  const profile = pathProfile(depth, kernel);
  return profile.map((a) => profile.map((b) => a * b));
}

/** Standard deviation of the profile as a distribution over positions, in pixels. */
export function profileSpread(profile: readonly number[]): number {
  const total = profile.reduce((s, v) => s + v, 0);
  const mean = profile.reduce((s, v, i) => s + v * i, 0) / total;
  return Math.sqrt(profile.reduce((s, v, i) => s + v * (i - mean) ** 2, 0) / total);
}

/** Share of the total gradient (2-D) that falls in the central half of the field's side. */
export function centralShare(profile: readonly number[]): number {
  const n = profile.length;
  const from = Math.floor(n / 4);
  const to = n - from; // the middle half, rounded outward
  const total = profile.reduce((s, v) => s + v, 0);
  const middle = profile.slice(from, to).reduce((s, v) => s + v, 0);
  return (middle / total) ** 2;
}

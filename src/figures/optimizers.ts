/**
 * The optimizers of document 002 §8.6 on a 2-D loss surface, for the figure OptimizerPaths.astro.
 *
 * Each update rule is the one TF.js applies (tfjs-core/src/optimizers/*_optimizer.ts, 4.22), written
 * out for two numbers instead of tensors, so the figure's paths are the paths `model.fit` would take;
 * optimizers.test.ts runs TF.js's own optimizers next to these and compares. Where TF.js and
 * Python Keras differ in the formula, TF.js wins (it is what the course's exercises run):
 *
 *   - AdaGrad and RMSProp put ε inside the square root (Keras: outside).
 *   - AdaGrad has no ε argument in TF.js; it uses the backend's ε, 1e-7 on float32 backends, which is
 *     Keras's default anyway.
 *
 * The arguments are Python Keras's defaults (the ones the document lists), each learning rate times one
 * shared multiplier. Pure: no DOM, no TF.js.
 */

export type OptimizerId = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam';

export interface OptimizerSpec {
  id: OptimizerId;
  /** Short name for the legend. */
  label: string;
  /** The Keras call with its default arguments, as the document writes it. */
  keras: string;
  /** Keras's default learning rate (before the figure's multiplier). */
  learningRate: number;
}

/** Keras's defaults (tf.keras.optimizers, TF 2.x), in the order the document introduces them. */
export const OPTIMIZERS: readonly OptimizerSpec[] = [
  { id: 'sgd', label: 'SGD', keras: 'SGD(learning_rate=0.01, momentum=0.0)', learningRate: 0.01 },
  { id: 'momentum', label: '모멘텀 SGD', keras: 'SGD(learning_rate=0.01, momentum=0.9)', learningRate: 0.01 },
  { id: 'adagrad', label: 'AdaGrad', keras: 'Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-07)', learningRate: 0.001 },
  { id: 'rmsprop', label: 'RMSProp', keras: 'RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-07)', learningRate: 0.001 },
  { id: 'adam', label: 'Adam', keras: 'Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07)', learningRate: 0.001 },
];

/** The figure's learning-rate multiplier stops (1-2-5 steps, a log scale) and its defaults. */
export const MULTIPLIERS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
/** Keras's rates are sized for networks with small gradients; ×1 barely moves on these surfaces, ×10 shows every path and none diverges. */
export const DEFAULT_MULTIPLIER = 10;
export const DEFAULT_STEPS = 200;

export const MOMENTUM = 0.9;
export const ADAGRAD_INITIAL_ACCUMULATOR = 0.1;
export const RMSPROP_RHO = 0.9;
export const ADAM_BETA_1 = 0.9;
export const ADAM_BETA_2 = 0.999;
/** Keras's ε, and TF.js's backend ε on float32 backends. */
export const EPSILON = 1e-7;

export type Vec2 = readonly [number, number];

/** One optimizer's state over a run: `step` takes the gradient at `w` and returns the next point. */
export interface Stepper {
  step(w: Vec2, g: Vec2): [number, number];
}

export function optimizerSpec(id: OptimizerId): OptimizerSpec {
  const spec = OPTIMIZERS.find((o) => o.id === id);
  if (!spec) throw new Error(`unknown optimizer '${id}' (one of ${OPTIMIZERS.map((o) => o.id).join(', ')})`);
  return spec;
}

/** A fresh optimizer with Keras's defaults and its learning rate times `multiplier`. */
export function createStepper(id: OptimizerId, multiplier = 1): Stepper {
  const lr = optimizerSpec(id).learningRate * multiplier;
  switch (id) {
    case 'sgd':
      // W ← W − ρ·g
      return { step: (w, g) => [w[0] - lr * g[0], w[1] - lr * g[1]] };
    case 'momentum': {
      // TF.js keeps a = αa + g and steps W ← W − ρ·a. With V = −ρ·a this is the document's (8.5),
      // V ← αV − ρ·∂J/∂W, W ← W + V, for a constant ρ.
      const a = [0, 0];
      return {
        step: (w, g) =>
          [0, 1].map((i) => {
            a[i] = MOMENTUM * a[i]! + g[i]!;
            return w[i]! - lr * a[i]!;
          }) as [number, number],
      };
    }
    case 'adagrad': {
      // r ← r + g², W ← W − ρ·g / √(r + ε), r starting at initial_accumulator_value.
      const r = [ADAGRAD_INITIAL_ACCUMULATOR, ADAGRAD_INITIAL_ACCUMULATOR];
      return {
        step: (w, g) =>
          [0, 1].map((i) => {
            r[i] = r[i]! + g[i]! * g[i]!;
            return w[i]! - (lr * g[i]!) / Math.sqrt(r[i]! + EPSILON);
          }) as [number, number],
      };
    }
    case 'rmsprop': {
      // r ← ρr + (1 − ρ)g², W ← W − lr·g / √(r + ε) (TF.js's momentum term is 0 here, Keras's default).
      const r = [0, 0];
      return {
        step: (w, g) =>
          [0, 1].map((i) => {
            r[i] = RMSPROP_RHO * r[i]! + (1 - RMSPROP_RHO) * g[i]! * g[i]!;
            return w[i]! - (g[i]! * lr) / Math.sqrt(r[i]! + EPSILON);
          }) as [number, number],
      };
    }
    case 'adam': {
      // m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², bias-corrected by 1 − βᵗ, W ← W − lr·m̂ / (√v̂ + ε).
      const m = [0, 0];
      const v = [0, 0];
      let beta1Power = ADAM_BETA_1;
      let beta2Power = ADAM_BETA_2;
      return {
        step: (w, g) => {
          const next = [0, 1].map((i) => {
            m[i] = ADAM_BETA_1 * m[i]! + (1 - ADAM_BETA_1) * g[i]!;
            v[i] = ADAM_BETA_2 * v[i]! + (1 - ADAM_BETA_2) * g[i]! * g[i]!;
            const mHat = m[i]! / (1 - beta1Power);
            const vHat = v[i]! / (1 - beta2Power);
            return w[i]! - lr * (mHat / (Math.sqrt(vHat) + EPSILON));
          }) as [number, number];
          beta1Power *= ADAM_BETA_1;
          beta2Power *= ADAM_BETA_2;
          return next;
        },
      };
    }
  }
}

export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export type SurfaceId = 'bowl' | 'valley';

export interface Surface {
  id: SurfaceId;
  /** Name in the picker. */
  label: string;
  /** The formula as a learner reads it. */
  formula: string;
  loss(x: number, y: number): number;
  gradient(x: number, y: number): [number, number];
  /** The part of the plane the figure shows. */
  bounds: Bounds;
  /** Loss values to draw contour lines at, increasing. */
  levels: readonly number[];
  /** Where the paths start until the learner picks another point. */
  start: Vec2;
  /** The global minimum. */
  minimum: Vec2;
}

export const SURFACES: readonly Surface[] = [
  {
    id: 'bowl',
    label: '길쭉한 그릇',
    formula: 'J = 0.1x² + 2y²',
    loss: (x, y) => 0.1 * x * x + 2 * y * y,
    gradient: (x, y) => [0.2 * x, 4 * y],
    bounds: { xMin: -4.5, xMax: 4.5, yMin: -2.25, yMax: 2.25 },
    levels: [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 4, 7, 11],
    start: [-4, 1.5],
    minimum: [0, 0],
  },
  {
    // Rosenbrock's banana valley, (1 − x)² + 100(y − x²)², made gentler so the same learning rates
    // fit both surfaces: the floor of the curved valley falls slowly towards (1, 1).
    id: 'valley',
    label: '휘어진 골짜기 (로젠브록 형태)',
    formula: 'J = 0.5(1 − x)² + 2(y − x²)²',
    loss: (x, y) => 0.5 * (1 - x) ** 2 + 2 * (y - x * x) ** 2,
    gradient: (x, y) => [-(1 - x) - 8 * x * (y - x * x), 4 * (y - x * x)],
    bounds: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
    levels: [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 4, 8, 16],
    start: [-1.5, 2.5],
    minimum: [1, 1],
  },
];

export function surfaceById(id: string): Surface {
  const surface = SURFACES.find((s) => s.id === id);
  if (!surface) throw new Error(`unknown surface '${id}' (one of ${SURFACES.map((s) => s.id).join(', ')})`);
  return surface;
}

export interface Path {
  /** The start point then one point per step, as long as the path stays finite. */
  points: [number, number][];
  /** Loss at the last point; Infinity once the path has left every finite number. */
  finalLoss: number;
  /** The path blew up (a coordinate past `DIVERGED`, or not finite) before the last step. */
  diverged: boolean;
}

/** A coordinate this far from the origin counts as diverged: the path has long left the plot. */
export const DIVERGED = 1e6;

/** `steps` updates of one optimizer from `start`, with the surface's exact gradient. */
export function optimizerPath(id: OptimizerId, surface: Surface, start: Vec2, steps: number, multiplier = 1): Path {
  const stepper = createStepper(id, multiplier);
  let w: [number, number] = [start[0], start[1]];
  const points: [number, number][] = [[...w]];
  for (let t = 0; t < steps; t++) {
    w = stepper.step(w, surface.gradient(w[0], w[1]));
    if (!Number.isFinite(w[0]) || !Number.isFinite(w[1]) || Math.abs(w[0]) > DIVERGED || Math.abs(w[1]) > DIVERGED) {
      return { points, finalLoss: Infinity, diverged: true };
    }
    points.push([...w]);
  }
  return { points, finalLoss: surface.loss(w[0], w[1]), diverged: false };
}

export type Segment = [number, number, number, number];

/**
 * Contour line of `f` at `level` by marching squares on an `nx` × `ny` grid of cells over `bounds`:
 * line segments (x1, y1, x2, y2) in the surface's coordinates, each crossing found by linear
 * interpolation along a cell edge. A saddle cell is split by the value at its centre.
 */
export function contourSegments(f: (x: number, y: number) => number, bounds: Bounds, nx: number, ny: number, level: number): Segment[] {
  const dx = (bounds.xMax - bounds.xMin) / nx;
  const dy = (bounds.yMax - bounds.yMin) / ny;
  const values = new Float64Array((nx + 1) * (ny + 1));
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) values[j * (nx + 1) + i] = f(bounds.xMin + i * dx, bounds.yMin + j * dy);
  }
  const at = (i: number, j: number) => values[j * (nx + 1) + i]!;
  const segments: Segment[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const x0 = bounds.xMin + i * dx;
      const y0 = bounds.yMin + j * dy;
      // Corners counter-clockwise from bottom-left; edges: 0 bottom, 1 right, 2 top, 3 left.
      const v = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      const cx = [x0, x0 + dx, x0 + dx, x0];
      const cy = [y0, y0, y0 + dy, y0 + dy];
      const crossing = (edge: number): [number, number] => {
        const a = edge;
        const b = (edge + 1) % 4;
        const t = (level - v[a]!) / (v[b]! - v[a]!);
        return [cx[a]! + t * (cx[b]! - cx[a]!), cy[a]! + t * (cy[b]! - cy[a]!)];
      };
      const edges: number[] = [];
      for (let e = 0; e < 4; e++) {
        if (v[e]! >= level !== v[(e + 1) % 4]! >= level) edges.push(e);
      }
      if (edges.length === 2) {
        segments.push([...crossing(edges[0]!), ...crossing(edges[1]!)]);
      } else if (edges.length === 4) {
        // Saddle: the centre decides which pairs of edges belong together.
        const centreAbove = (v[0]! + v[1]! + v[2]! + v[3]!) / 4 >= level;
        const pairs = centreAbove === v[0]! >= level ? [[0, 1], [2, 3]] : [[3, 0], [1, 2]];
        for (const [a, b] of pairs) segments.push([...crossing(a!), ...crossing(b!)]);
      }
    }
  }
  return segments;
}

/** A loss for the readout: three significant digits, JavaScript's exponent form (1.23e-5) below 0.001. */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return '발산';
  if (loss === 0) return '0';
  if (Math.abs(loss) < 1e-3) return loss.toExponential(2);
  return String(Number(loss.toPrecision(3)));
}

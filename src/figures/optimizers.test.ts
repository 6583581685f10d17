import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Gradients are registered by tfjs-core's full bundle (and by tfjs-layers); the core entry alone has none.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADAGRAD_INITIAL_ACCUMULATOR,
  ADAM_BETA_1,
  ADAM_BETA_2,
  contourSegments,
  DEFAULT_MULTIPLIER,
  DEFAULT_STEPS,
  EPSILON,
  formatLoss,
  MOMENTUM,
  OPTIMIZERS,
  optimizerPath,
  RMSPROP_RHO,
  SURFACES,
  surfaceById,
  type OptimizerId,
  type SurfaceId,
} from './optimizers.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The surfaces again, in TF.js ops, so TF.js's autodiff finds the gradient itself. */
const TF_LOSS: Record<SurfaceId, (w: tf.Variable) => tf.Scalar> = {
  bowl: (w) => {
    const [x, y] = tf.unstack(w) as [tf.Scalar, tf.Scalar];
    return tf.add(tf.mul(0.1, tf.square(x)), tf.mul(2, tf.square(y)));
  },
  valley: (w) => {
    const [x, y] = tf.unstack(w) as [tf.Scalar, tf.Scalar];
    return tf.add(tf.mul(0.5, tf.square(tf.sub(1, x))), tf.mul(2, tf.square(tf.sub(y, tf.square(x)))));
  },
};

/** TF.js's own optimizer with Keras's defaults (what the figure claims to draw). */
function tfOptimizer(id: OptimizerId, multiplier: number): tf.Optimizer {
  const lr = OPTIMIZERS.find((o) => o.id === id)!.learningRate * multiplier;
  switch (id) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, MOMENTUM);
    case 'adagrad':
      return tf.train.adagrad(lr, ADAGRAD_INITIAL_ACCUMULATOR);
    case 'rmsprop':
      return tf.train.rmsprop(lr, RMSPROP_RHO, 0, EPSILON);
    case 'adam':
      return tf.train.adam(lr, ADAM_BETA_1, ADAM_BETA_2, EPSILON);
  }
}

function tfPath(id: OptimizerId, surface: SurfaceId, start: readonly [number, number], steps: number, multiplier: number): number[][] {
  const optimizer = tfOptimizer(id, multiplier);
  const w = tf.variable(tf.tensor1d([...start]));
  const points = [Array.from(w.dataSync())];
  for (let t = 0; t < steps; t++) {
    tf.tidy(() => {
      optimizer.minimize(() => TF_LOSS[surface](w));
    });
    points.push(Array.from(w.dataSync()));
  }
  optimizer.dispose();
  w.dispose();
  return points;
}

/**
 * TF.js computes in float32, the figure in float64. Up to ×50 the paths agree to 1e-5. At ×1000
 * Adam's learning rate is 1 and its steps have length about 1, and float32 alone moves them: 0.999
 * rounds to 0.99900001, so 1 − β₂ is off by 1.3e-5 relative and the first step by 7e-6; on the
 * curved valley such differences grow to 1e-4 in 20 steps.
 */
const tolerance = (multiplier: number) => (multiplier <= 50 ? 1e-5 : 3e-4);

describe('optimizer paths follow TF.js', () => {
  const STEPS = 20;
  const cases = SURFACES.flatMap((surface) =>
    [1, 10, 50].flatMap((multiplier) =>
      OPTIMIZERS.map((o) => ({ surface: surface.id, optimizer: o.id, multiplier, start: surface.start })),
    ),
  );
  // The top of the slider, where only the adaptive optimizers stay on the plot (see TOLERANCE).
  cases.push(...(['adagrad', 'rmsprop', 'adam'] as const).map((optimizer) => ({ surface: 'valley' as const, optimizer, multiplier: 1000, start: [-1.5, 2.5] as const })));
  // A second start on each surface, where the gradient is small in one coordinate.
  cases.push(...OPTIMIZERS.map((o) => ({ surface: 'bowl' as const, optimizer: o.id, multiplier: 10, start: [3, -0.2] as const })));
  cases.push(...OPTIMIZERS.map((o) => ({ surface: 'valley' as const, optimizer: o.id, multiplier: 10, start: [1.5, -0.5] as const })));

  it.each(cases)('$optimizer on $surface, ×$multiplier from $start', ({ surface, optimizer, multiplier, start }) => {
    const ours = optimizerPath(optimizer, surfaceById(surface), start, STEPS, multiplier);
    const theirs = tfPath(optimizer, surface, start, STEPS, multiplier);
    // Cases that leave the plane in TF.js too are not compared point by point.
    if (ours.diverged) {
      expect(theirs.some((p) => p.some((v) => !Number.isFinite(v) || Math.abs(v) > 1e3))).toBe(true);
      return;
    }
    expect(ours.points).toHaveLength(STEPS + 1);
    for (let t = 0; t <= STEPS; t++) {
      for (let i = 0; i < 2; i++) {
        expect(Math.abs(ours.points[t]![i]! - theirs[t]![i]!), `step ${t}, coordinate ${i}: ours ${ours.points[t]![i]}, TF.js ${theirs[t]![i]}`).toBeLessThan(tolerance(multiplier));
      }
    }
  });

  it('the analytic gradients are the ones TF.js differentiates', () => {
    for (const surface of SURFACES) {
      for (const [x, y] of [[-1.5, 2.5], [0.3, -0.7], [1.2, 1.9]] as const) {
        const g = tf.tidy(() => Array.from(tf.grad((w: tf.Tensor) => TF_LOSS[surface.id](w as tf.Variable))(tf.tensor1d([x, y])).dataSync()));
        const ours = surface.gradient(x, y);
        expect(ours[0]).toBeCloseTo(g[0]!, 4);
        expect(ours[1]).toBeCloseTo(g[1]!, 4);
        expect(surface.loss(x, y)).toBeCloseTo(tf.tidy(() => TF_LOSS[surface.id](tf.variable(tf.tensor1d([x, y]), false, `w${Math.random()}`)).dataSync()[0]!), 4);
      }
    }
  });
});

describe('optimizerPath', () => {
  it('every surface has its minimum where the gradient vanishes, with loss 0', () => {
    for (const surface of SURFACES) {
      expect(surface.loss(...surface.minimum)).toBe(0);
      expect(surface.gradient(...surface.minimum).map(Math.abs)).toEqual([0, 0]);
    }
  });

  it('at the default multiplier every optimizer stays on the plot and SGD, momentum beat AdaGrad', () => {
    for (const surface of SURFACES) {
      const losses = Object.fromEntries(OPTIMIZERS.map((o) => [o.id, optimizerPath(o.id, surface, surface.start, DEFAULT_STEPS, DEFAULT_MULTIPLIER)]));
      for (const path of Object.values(losses)) expect(path.diverged).toBe(false);
      expect(losses['sgd']!.finalLoss).toBeLessThan(losses['adagrad']!.finalLoss);
      expect(losses['momentum']!.finalLoss).toBeLessThan(losses['adagrad']!.finalLoss);
    }
  });

  it('reports a path that blows up as diverged, with the points before it', () => {
    const path = optimizerPath('sgd', surfaceById('bowl'), [1, 1], 100, 100); // lr 1: y ← y − 4y = −3y
    expect(path.diverged).toBe(true);
    expect(path.finalLoss).toBe(Infinity);
    expect(path.points.length).toBeGreaterThan(5);
    expect(path.points.length).toBeLessThan(100);
    expect(path.points[1]).toEqual([1 - 0.2, 1 - 4]);
  });

  it('zero steps is the start alone', () => {
    const path = optimizerPath('adam', surfaceById('valley'), [0.5, 0.5], 0);
    expect(path.points).toEqual([[0.5, 0.5]]);
    expect(path.finalLoss).toBeCloseTo(0.5 * 0.25 + 2 * 0.0625);
  });
});

describe('contourSegments', () => {
  it('traces a circle: every end point lies on the level set, all around', () => {
    const f = (x: number, y: number) => x * x + y * y;
    const segments = contourSegments(f, { xMin: -2, xMax: 2, yMin: -2, yMax: 2 }, 40, 40, 1);
    expect(segments.length).toBeGreaterThan(40);
    let angles = 0;
    for (const [x1, y1, x2, y2] of segments) {
      expect(Math.hypot(x1, y1)).toBeCloseTo(1, 1);
      expect(Math.hypot(x2, y2)).toBeCloseTo(1, 1);
      angles += Math.abs(Math.atan2(x1 * y2 - y1 * x2, x1 * x2 + y1 * y2));
    }
    expect(angles).toBeCloseTo(2 * Math.PI, 2);
  });

  it('is empty for a level the surface never reaches in the box', () => {
    expect(contourSegments((x, y) => x * x + y * y, { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }, 10, 10, 5)).toEqual([]);
  });

  it('splits a saddle cell by its centre', () => {
    // Corners 1, 0, 1, 0 around the square and centre 0.5 above 0.4: the two low corners are cut off.
    const f = (x: number, y: number) => (x === y ? 1 : 0);
    const segments = contourSegments(f, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 1, 1, 0.4);
    expect(segments).toHaveLength(2);
  });
});

describe('formatLoss', () => {
  it('gives three significant digits, exponent form when tiny, and 발산 for a blow-up', () => {
    expect(formatLoss(1.23456)).toBe('1.23');
    expect(formatLoss(0.0123456)).toBe('0.0123');
    expect(formatLoss(0.000123456)).toBe('1.23e-4');
    expect(formatLoss(0)).toBe('0');
    expect(formatLoss(Infinity)).toBe('발산');
    expect(Number(formatLoss(0.000123456))).toBeCloseTo(0.000123);
  });
});

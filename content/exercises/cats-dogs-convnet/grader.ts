import { defineGrader } from '../../../graders/types.ts';
import { expectLayers, expectParams, type ExpectedLayer } from '../../../graders/checks.ts';

const conv = (filters: number, side: number, params: number): ExpectedLayer => ({
  className: 'Conv2D',
  outputShape: [null, side, side, filters],
  params,
  config: { filters, kernelSize: 3, padding: 'valid', activation: 'relu' },
});
const pool = (side: number, filters: number): ExpectedLayer => ({ className: 'MaxPooling2D', outputShape: [null, side, side, filters], config: { poolSize: 2 } });

/**
 * Document 000, 5.2: the cats-vs-dogs convnet on 150×150×3 images, every convolution 3×3 and
 * 'valid', as its model.summary() prints it: 148 → 74 → 72 → 36 → 34 → 17 → 15 → 7, Flatten 6,272,
 * 3,453,121 parameters. Structure only: the photos are not available here (docs/pretrained.md).
 */
export default defineGrader({
  checks: [
    expectLayers([
      conv(32, 148, 896),
      pool(74, 32),
      conv(64, 72, 18_496),
      pool(36, 64),
      conv(128, 34, 73_856),
      pool(17, 128),
      conv(128, 15, 147_584),
      pool(7, 128),
      { className: 'Flatten', outputShape: [null, 6272] },
      { className: 'Dense', outputShape: [null, 512], params: 3_211_776, config: { units: 512, activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 1], params: 513, config: { units: 1, activation: 'sigmoid' } },
    ]),
    expectParams({ total: 3_453_121, trainable: 3_453_121, nonTrainable: 0 }),
  ],
});

/**
 * The course's reference model for the postcode recognizer (document 002, 8.5, listing 8-3):
 * the document's MNIST CNN (594,922 parameters), trained by `npm run pretrain:postcode` and served
 * as `postcode-cnn`, so the recognizer works for a learner who has not trained `cnn_v2` yet.
 *
 * Layers are named as Keras names a fresh `Sequential` (conv2d, conv2d_1, …, dense_1), so the
 * summary reads like the document's. Shared by the script, the tests and the browser: no Node imports.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { Sequential } from '@tensorflow/tfjs-layers';

export const POSTCODE_CNN = 'postcode-cnn';

/** Listing 8-3's parameter count: 320 + 9,248 + 18,496 + 36,928 + 524,800 + 5,130. */
export const POSTCODE_CNN_PARAMETERS = 594_922;

export const POSTCODE_CNN_RECIPE = {
  dataset: 'mnist',
  /** The train split is shuffled with this seed; the first `trainSize` images train, the next `validationSize` validate. */
  splitSeed: 2026,
  trainSize: 55_000,
  validationSize: 5_000,
  /** Initializer seeds: the k-th conv/dense kernel (glorot-uniform, Keras's default) gets `initSeed + k`. */
  initSeed: 1,
  /** Seeds Math.random for the whole fit (batch order, dropout masks). */
  fitSeed: 7,
  optimizer: 'adam',
  learningRate: 0.001,
  /** One-hot labels and categorical cross-entropy, as listing 8-3 (to_categorical). */
  loss: 'categoricalCrossentropy',
  batchSize: 128,
  epochs: 2,
  /** The fixed 1,000 test images CI re-measures: the first 1,000 of the test split shuffled with this seed. */
  testSampleSeed: 1,
  testSampleSize: 1_000,
} as const;

export type PostcodeCnnRecipe = { -readonly [K in keyof typeof POSTCODE_CNN_RECIPE]: (typeof POSTCODE_CNN_RECIPE)[K] extends number ? number : (typeof POSTCODE_CNN_RECIPE)[K] };

/** The layer that ends the convolutional part (`includeTop: false` cuts after it). */
export const POSTCODE_CNN_BASE_OUTPUT = 'dropout_1';

/** Listing 8-3's model with seeded glorot-uniform kernels (zeros biases), Keras's default initializers. */
export function buildPostcodeCnn(initSeed: number = POSTCODE_CNN_RECIPE.initSeed): Sequential {
  let seed = initSeed;
  const kernelInitializer = () => tfl.initializers.glorotUniform({ seed: seed++ });
  const conv = (filters: number, name: string, first = false) =>
    tfl.layers.conv2d({ ...(first ? { inputShape: [28, 28, 1] } : {}), filters, kernelSize: 3, activation: 'relu', kernelInitializer: kernelInitializer(), name });
  return tfl.sequential({
    name: 'postcode_cnn',
    layers: [
      conv(32, 'conv2d', true), // 26×26×32
      conv(32, 'conv2d_1'), // 24×24×32
      tfl.layers.maxPooling2d({ poolSize: 2, name: 'max_pooling2d' }), // 12×12×32
      tfl.layers.dropout({ rate: 0.25, name: 'dropout' }),
      conv(64, 'conv2d_2'), // 10×10×64
      conv(64, 'conv2d_3'), // 8×8×64
      tfl.layers.maxPooling2d({ poolSize: 2, name: 'max_pooling2d_1' }), // 4×4×64
      tfl.layers.dropout({ rate: 0.25, name: POSTCODE_CNN_BASE_OUTPUT }),
      tfl.layers.flatten({ name: 'flatten' }), // 1,024
      tfl.layers.dense({ units: 512, activation: 'relu', kernelInitializer: kernelInitializer(), name: 'dense' }),
      tfl.layers.dropout({ rate: 0.5, name: 'dropout_2' }),
      tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: kernelInitializer(), name: 'dense_1' }),
    ],
  });
}

/**
 * The course's own "ImageNet model": a small VGG-style CNN named the way Keras names VGG16's layers
 * (`block1_conv1` … `block4_pool`, then `flatten`, `fc1`, `predictions`), so every step of the
 * documents' transfer-learning code ("freeze the base", "unfreeze from block5_conv1") has a layer
 * of the same name here. It reads the course's 28×28 grey images and pads them to 32×32 in its
 * first layer (`input_pad`, like ResNet50's `conv1_pad`), so four 2×2 poolings halve evenly:
 * 32 → 16 → 8 → 4 → 2, as VGG16's five take 224 to 7.
 *
 * Shared by `npm run pretrain`, the transfer benchmark and the tests, so it imports nothing Node-only.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';

export interface BackboneSpec {
  /** Filters of each block's convolutions; one entry per block. */
  blocks: readonly (readonly number[])[];
  /** Units of the hidden dense layer of the classifier head (`fc1`). */
  hiddenUnits: number;
  dropout: number;
  classes: number;
  /**
   * Seeds every initializer, so the same spec builds the same weights everywhere. The dropout layer
   * takes no seed: a seeded TF.js dropout draws the same mask at every step. Training scripts make
   * dropout repeatable by seeding `Math.random`, which unseeded TF.js random ops draw their seed from.
   */
  seed: number;
}

export const INPUT_SHAPE: [number, number, number] = [28, 28, 1];

/** Names of the layers that make up the base (everything `includeTop: false` keeps). */
export const isBaseLayer = (name: string): boolean => name === 'input_pad' || /^block\d+_/.test(name);

export function buildBackbone(spec: BackboneSpec): LayersModel {
  let seed = spec.seed;
  const init = () => tfl.initializers.glorotUniform({ seed: seed++ });
  const input = tfl.input({ shape: INPUT_SHAPE, name: 'input_image' });
  let x = tfl.layers.zeroPadding2d({ padding: 2, name: 'input_pad' }).apply(input) as SymbolicTensor;
  spec.blocks.forEach((filters, b) => {
    filters.forEach((f, c) => {
      x = tfl.layers
        .conv2d({ filters: f, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(), name: `block${b + 1}_conv${c + 1}` })
        .apply(x) as SymbolicTensor;
    });
    x = tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${b + 1}_pool` }).apply(x) as SymbolicTensor;
  });
  x = tfl.layers.flatten({ name: 'flatten' }).apply(x) as SymbolicTensor;
  x = tfl.layers.dense({ units: spec.hiddenUnits, activation: 'relu', kernelInitializer: init(), name: 'fc1' }).apply(x) as SymbolicTensor;
  x = tfl.layers.dropout({ rate: spec.dropout, name: 'fc1_dropout' }).apply(x) as SymbolicTensor;
  const output = tfl.layers
    .dense({ units: spec.classes, activation: 'softmax', kernelInitializer: init(), name: 'predictions' })
    .apply(x) as SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: 'course_vgg' });
}

/**
 * The seed documents' CNNs, rebuilt with tfjs-layers exactly as the documents define them (layer
 * for layer, so the parameter counts match what the documents print). Shared by the kernel tests
 * and the Node and browser training benchmarks, so nothing here may import a Node-only module.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel, SequentialArgs, SymbolicTensor } from '@tensorflow/tfjs-layers';

export interface SeedModel {
  id: string;
  /** Which document and which of its models. */
  source: string;
  inputShape: [number, number, number];
  classes: number;
  /** Total / non-trainable parameters as the document prints them (or as computed, where it prints none). */
  params: number;
  nonTrainableParams: number;
  build(): LayersModel;
}

type Shape = [number, number, number];
type Layer = NonNullable<SequentialArgs['layers']>[number];

/** Every seed model reads 28×28 grey images. */
const MNIST: Shape = [28, 28, 1];

interface ConvOptions {
  padding?: 'same' | 'valid';
  activation?: 'relu' | 'linear';
  /** Only on a sequential model's first layer. */
  inputShape?: Shape;
}

/** A convolution: valid padding and relu unless said otherwise. */
const conv = (filters: number, kernelSize: number, { padding = 'valid', activation = 'relu', inputShape }: ConvOptions = {}) =>
  tfl.layers.conv2d({ filters, kernelSize, padding, activation, ...(inputShape ? { inputShape } : {}) });
const pool = () => tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 });
const dense = (units: number, activation: 'relu' | 'softmax' = 'relu') => tfl.layers.dense({ units, activation });
const dropout = (rate: number) => tfl.layers.dropout({ rate });
const batchNorm = () => tfl.layers.batchNormalization();

/** The head every seed model ends with: flatten, the given hidden layers, a 10-way softmax. */
const classifier = (...hidden: Layer[]): Layer[] => [tfl.layers.flatten(), ...hidden, dense(10, 'softmax')];

const sequential = (...layers: Layer[]): LayersModel => tfl.sequential({ layers });

/** Applies the layers one after another, as a functional model's `x = layer(x)` lines do. */
const chain = (input: SymbolicTensor, ...layers: Layer[]): SymbolicTensor =>
  layers.reduce((x, layer) => layer.apply(x) as SymbolicTensor, input);

/** Seed 002, LeNet-5 on MNIST: conv6(5, same)-pool-conv16(5)-pool-conv120(5)-dense84-dense10. */
function lenet5(): LayersModel {
  return sequential(
    conv(6, 5, { padding: 'same', inputShape: MNIST }), pool(),
    conv(16, 5), pool(),
    conv(120, 5),
    ...classifier(dense(84)),
  );
}

/** Seed 003, the Fashion-MNIST CNN: conv32(same)-pool-conv64(same)-pool-dense100-dropout 0.4-dense10. */
function fashion003(): LayersModel {
  return sequential(
    conv(32, 3, { padding: 'same', inputShape: MNIST }), pool(),
    conv(64, 3, { padding: 'same' }), pool(),
    ...classifier(dense(100), dropout(0.4)),
  );
}

/** Seed 001's first Fashion-MNIST CNN. Its convolutions have no activation in the document's code. */
function fashion001(): LayersModel {
  return sequential(
    conv(32, 3, { activation: 'linear', inputShape: MNIST }), pool(),
    conv(64, 3, { activation: 'linear' }), pool(),
    conv(128, 3, { activation: 'linear' }),
    ...classifier(dense(128), dropout(0.3)),
  );
}

/** Seed 001's deeper VGG-style CNN: conv32-conv64-pool-drop-conv128-conv256(valid)-pool-drop-dense512-drop-dense256-drop-dense10. */
function vgg001(): LayersModel {
  return sequential(
    conv(32, 3, { padding: 'same', inputShape: MNIST }), conv(64, 3, { padding: 'same' }), pool(), dropout(0.5),
    conv(128, 3, { padding: 'same' }), conv(256, 3), pool(), dropout(0.5),
    ...classifier(dense(512), dropout(0.5), dense(256), dropout(0.5)),
  );
}

/** Seed 004's Fashion-MNIST model 3 (build_model3), a functional model with batch normalization. */
function batchNorm004(): LayersModel {
  const input = tfl.input({ shape: MNIST });
  const output = chain(
    input,
    conv(32, 3, { padding: 'same' }), batchNorm(), pool(),
    conv(64, 3), batchNorm(), pool(), dropout(0.4),
    conv(128, 3, { padding: 'same' }), dropout(0.4),
    ...classifier(dense(512), batchNorm(), dense(256), batchNorm()),
  );
  return tfl.model({ inputs: input, outputs: output });
}

export const SEED_MODELS: readonly SeedModel[] = [
  { id: 'lenet5-002', source: 'seed 002, LeNet-5 on MNIST', inputShape: [28, 28, 1], classes: 10, params: 61_706, nonTrainableParams: 0, build: lenet5 },
  { id: 'cnn-003', source: 'seed 003, Fashion-MNIST CNN', inputShape: [28, 28, 1], classes: 10, params: 333_526, nonTrainableParams: 0, build: fashion003 },
  { id: 'cnn-001', source: 'seed 001, Fashion-MNIST CNN', inputShape: [28, 28, 1], classes: 10, params: 241_546, nonTrainableParams: 0, build: fashion001 },
  { id: 'vgg-001', source: 'seed 001, VGG-style Fashion-MNIST CNN', inputShape: [28, 28, 1], classes: 10, params: 5_240_842, nonTrainableParams: 0, build: vgg001 },
  { id: 'bn-004', source: 'seed 004, Fashion-MNIST model 3 (batch norm)', inputShape: [28, 28, 1], classes: 10, params: 2_589_834, nonTrainableParams: 1_728, build: batchNorm004 },
];

export function seedModel(id: string): SeedModel {
  const found = SEED_MODELS.find((m) => m.id === id);
  if (!found) throw new Error(`no seed model ${id}`);
  return found;
}

/**
 * Multiply-adds of one image's forward pass: convolutions and dense layers only (pooling,
 * activations and normalization are a rounding error next to them). A training step costs about
 * three times this: the forward pass, the input gradient and the weight gradient.
 */
export function forwardMacs(model: LayersModel): number {
  let macs = 0;
  for (const layer of model.layers) {
    const name = layer.getClassName();
    const out = layer.outputShape as (number | null)[];
    if (name === 'Conv2D') {
      const kernel = layer.getWeights()[0]!.shape as [number, number, number, number];
      const [oh, ow, co] = [out[1]!, out[2]!, out[3]!];
      macs += oh * ow * co * kernel[0] * kernel[1] * kernel[2];
    } else if (name === 'Dense') {
      const kernel = layer.getWeights()[0]!.shape as [number, number];
      macs += kernel[0] * kernel[1];
    }
  }
  return macs;
}

/** FLOPs of one image's training step: 2 FLOPs per multiply-add, forward + two backward products. */
export function trainingFlopsPerImage(model: LayersModel): number {
  return 3 * 2 * forwardMacs(model);
}

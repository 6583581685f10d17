/**
 * The chained tensor methods of the `@tensorflow/tfjs` package (`x.mul(2).sum()`), which learners
 * know and whose types the editor offers, but which tfjs-core alone leaves out. TF.js installs
 * them from ~140 side-effect modules that Node's ESM resolver cannot load (they use directory
 * imports), so the course installs the same methods from the public ops, in the browser worker
 * and in Node alike: most are `op(this, ...args)`, the rest are spelled out below.
 */
import * as tf from '@tensorflow/tfjs-core';

const SAME_NAME_OPS = `abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh avgPool batchToSpaceND
  batchNorm broadcastTo cast ceil clipByValue conv1d conv2d conv2dTranspose cos cosh cumprod cumsum depthToSpace
  depthwiseConv2d dilation2d div divNoNan dot elu equal erf euclideanNorm exp expandDims expm1 fft floor floorDiv
  gather greater greaterEqual ifft irfft isFinite isInf isNaN leakyRelu less lessEqual localResponseNormalization
  log log1p logSigmoid logSoftmax logSumExp logicalAnd logicalNot logicalOr logicalXor matMul max maxPool maximum
  mean min minimum mirrorPad mod mul neg norm notEqual oneHot onesLike pad pool pow prelu prod reciprocal relu relu6
  reshape resizeBilinear resizeNearestNeighbor reverse rfft round rsqrt selu separableConv2d sigmoid sign sin sinh
  slice softmax softplus spaceToBatchND split sqrt square squaredDifference squeeze step stridedSlice sub sum tan
  tanh tile topk transpose unique unsortedSegmentSum unstack zerosLike`.split(/\s+/);

type Method = (this: tf.Tensor, ...args: never[]) => unknown;

const SPECIAL: Record<string, Method> = {
  as1D() {
    return tf.reshape(this, [this.size]);
  },
  flatten() {
    return tf.reshape(this, [this.size]);
  },
  as2D(rows: number, columns: number) {
    return tf.reshape(this, [rows, columns]);
  },
  as3D(rows: number, columns: number, depth: number) {
    return tf.reshape(this, [rows, columns, depth]);
  },
  as4D(rows: number, columns: number, depth: number, depth2: number) {
    return tf.reshape(this, [rows, columns, depth, depth2]);
  },
  as5D(rows: number, columns: number, depth: number, depth2: number, depth3: number) {
    return tf.reshape(this, [rows, columns, depth, depth2, depth3]);
  },
  asScalar() {
    if (this.size !== 1) throw new Error('The array must have only 1 element.');
    return tf.reshape(this, []);
  },
  asType(dtype: tf.DataType) {
    return tf.cast(this, dtype);
  },
  toBool() {
    return tf.cast(this, 'bool');
  },
  toFloat() {
    return tf.cast(this, 'float32');
  },
  toInt() {
    return tf.cast(this, 'int32');
  },
  reshapeAs(x: tf.Tensor) {
    return tf.reshape(this, x.shape);
  },
  concat(x: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.concat([this, ...(x instanceof tf.Tensor ? [x] : x)], axis);
  },
  stack(x: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.stack([this, ...(x instanceof tf.Tensor ? [x] : x)], axis);
  },
  where(condition: tf.Tensor, x: tf.Tensor) {
    return tf.where(condition, this, x);
  },
};

export function installChainedOps(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, (...args: unknown[]) => unknown>;
  const install = (name: string, method: Method) => {
    if (typeof proto[name] === 'function') return;
    proto[name] = function (this: tf.Tensor, ...args: never[]) {
      (this as unknown as { throwIfDisposed(): void }).throwIfDisposed();
      return method.apply(this, args);
    };
  };
  for (const name of SAME_NAME_OPS) {
    const op = ops[name];
    if (typeof op === 'function') install(name, function (this: tf.Tensor, ...args: unknown[]) {
      return op(this, ...args);
    } as Method);
  }
  for (const [name, method] of Object.entries(SPECIAL)) install(name, method);
}

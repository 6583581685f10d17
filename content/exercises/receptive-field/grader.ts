import type * as tfCore from '@tensorflow/tfjs-core';
import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';

/**
 * Document 004 (유효 수용 영역): the receptive field of a stack of layers, and the gradient of one
 * output over its field. Expected values are measured with tf.grad: a stack of all-ones
 * convolutions and average poolings (every input in a window gets gradient) on an input big enough,
 * the gradient of the output nearest the middle, and the width of the input columns it reaches.
 */
type Geometry = { kernel: number; stride: number };

/** The receptive field's side, measured: the nonzero extent of ∂y_centre/∂x along the width. */
function measuredField({ tf }: GradingContext, layers: readonly Geometry[]): number {
  let bound = 1;
  let jump = 1;
  for (const l of layers) {
    bound += (l.kernel - 1) * jump;
    jump *= l.stride;
  }
  const width = 2 * bound + 2 * jump + 8; // room for the field around the middle output
  return tf.tidy(() => {
    const stack = (x: tfCore.Tensor) => {
      let y = x as tfCore.Tensor4D;
      for (const { kernel, stride } of layers) {
        y = kernel === stride && stride > 1 ? tf.avgPool(y, kernel, stride, 'valid') : tf.conv2d(y, tf.ones([kernel, kernel, 1, 1]) as tfCore.Tensor4D, stride, 'valid');
      }
      const [, h, w] = y.shape;
      const mask = tf.buffer([1, h, w, 1], 'float32');
      mask.set(1, 0, Math.floor(h / 2), Math.floor(w / 2), 0);
      return tf.sum(tf.mul(y, mask.toTensor()));
    };
    const gradient = tf.grad(stack)(tf.zeros([1, width, width, 1])) as tfCore.Tensor;
    // Column sums: the columns of the input that reach the middle output.
    const row = tf.sum(tf.abs(gradient), [0, 1, 3]).dataSync();
    const nonzero = [...row.keys()].filter((i) => row[i]! !== 0);
    return nonzero.length === 0 ? 0 : nonzero.at(-1)! - nonzero[0]! + 1;
  });
}

function gradientOf({ tf }: GradingContext, depth: number, kernel: number): number[][] {
  const n = 1 + depth * (kernel - 1);
  return tf.tidy(() => {
    const ones = tf.ones([kernel, kernel, 1, 1]) as tfCore.Tensor4D;
    const stack = (x: tfCore.Tensor) => {
      let y = x as tfCore.Tensor4D;
      for (let i = 0; i < depth; i++) y = tf.conv2d(y, ones, 1, 'valid');
      return tf.sum(y);
    };
    return tf.reshape(tf.grad(stack)(tf.zeros([1, n, n, 1])), [n, n]).arraySync() as number[][];
  });
}

const conv = (kernel: number, stride = 1): Geometry => ({ kernel, stride });
const pool: Geometry = { kernel: 2, stride: 2 };
const STACKS: { id: string; title: string; layers: Geometry[]; hint: string }[] = [
  { id: 'one-3x3', title: '3×3 컨볼루션 하나', layers: [conv(3)], hint: '층 하나의 수용 영역은 커널 크기입니다.' },
  { id: 'two-3x3', title: '3×3 컨볼루션 둘', layers: [conv(3), conv(3)], hint: '3×3 두 층은 5×5 한 층과 같은 영역을 봅니다: 1 + 2 + 2.' },
  { id: 'three-3x3', title: '3×3 컨볼루션 셋', layers: [conv(3), conv(3), conv(3)], hint: '1 + 3 × 2 = 7.' },
  { id: 'two-5x5', title: '5×5 컨볼루션 둘', layers: [conv(5), conv(5)], hint: '1 + 2 × 4 = 9.' },
  { id: 'lenet', title: '문서의 LeNet5: 5×5 → 풀링 2 → 5×5 → 풀링 2', layers: [conv(5), pool, conv(5), pool], hint: '풀링 뒤에는 간격이 2가 되어, 두 번째 5×5가 (5 − 1) × 2 = 8을 더합니다: 5 → 6 → 14 → 16.' },
  { id: 'vgg-block', title: 'VGG 블록 둘: (3×3, 3×3, 풀링 2) × 2', layers: [conv(3), conv(3), pool, conv(3), conv(3), pool], hint: '5 → 6, 간격 2에서 3×3 두 개가 4씩: 14, 풀링이 2를 더해 16.' },
  { id: 'strided', title: '3×3 보폭 2 → 3×3', layers: [conv(3, 2), conv(3)], hint: '보폭 2 뒤의 3×3은 (3 − 1) × 2 = 4를 더합니다: 3 + 4 = 7.' },
  { id: 'deep', title: '3×3 컨볼루션 여덟', layers: Array.from({ length: 8 }, () => conv(3)), hint: '1 + 8 × 2 = 17.' },
];

export default defineGrader({
  checks: [
    ...STACKS.map((s) =>
      expectValues({
        id: `field.${s.id}`,
        title: `수용 영역: ${s.title}`,
        call: { name: 'receptiveField', args: [s.layers] },
        expected: (context) => measuredField(context, s.layers),
        tolerance: 0,
        hint: s.hint,
      }),
    ),
    ...([[1, 3], [2, 3], [4, 3], [2, 5]] as const).map(([depth, kernel]) =>
      expectValues({
        id: `gradient.${depth}x${kernel}`,
        title: `그레이디언트: ${kernel}×${kernel} 층 ${depth}개 (${1 + depth * (kernel - 1)}×${1 + depth * (kernel - 1)})`,
        call: { name: 'centerGradient', args: [depth, kernel] },
        expected: (context) => gradientOf(context, depth, kernel),
        tolerance: 1e-4,
        hint: '가운데 화소는 출력에 이르는 경로가 가장 많아 그레이디언트가 가장 큽니다. tf.grad(층을 쌓은 함수)(입력)을 써 보세요.',
      }),
    ),
  ],
});

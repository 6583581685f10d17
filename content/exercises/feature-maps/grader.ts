import * as tfl from '@tensorflow/tfjs-layers';
import type * as tfCore from '@tensorflow/tfjs-core';
import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';
import { fashionCnnTopology, testCardImage } from '../../../graders/reference-models.ts';
import { modelFromTopology } from '../../../src/runtime/model-artifacts.ts';

/**
 * Document 003, 8-3: a functional-API model that ends at an inner layer shows that layer's
 * feature maps — (1, 28, 28, 32) after the first conv layer, (1, 14, 14, 64) after the second.
 */
const model = fashionCnnTopology();
const image = { $tensor: { shape: [1, 28, 28, 1], values: testCardImage() } };

const LAYERS = [
  { id: 'maps.conv1', index: 0, title: '첫 번째 합성곱 층의 특성 맵 (1, 28, 28, 32)' },
  { id: 'maps.conv2', index: 2, title: '두 번째 합성곱 층의 특성 맵 (1, 14, 14, 64)' },
];

export default defineGrader({
  checks: LAYERS.map((l) =>
    expectValues({
      id: l.id,
      title: l.title,
      call: { name: 'featureMaps', args: [{ $model: model }, image, l.index] },
      expected: async ({ tf }) => {
        const reference = await modelFromTopology(model);
        const inner = tfl.model({ inputs: reference.inputs, outputs: reference.layers[l.index]!.output as tfl.SymbolicTensor });
        const input = tf.tensor4d(image.$tensor.values, [1, 28, 28, 1]);
        const maps = inner.predict(input) as tfCore.Tensor;
        try {
          return { shape: maps.shape, values: await maps.data() };
        } finally {
          // The inner model shares the reference's layers: disposing the reference frees their weights.
          tf.dispose([input, maps]);
          reference.dispose();
        }
      },
      tolerance: 1e-3,
      hint: "tf.model({ inputs: model.inputs, outputs: model.layers[i].output })로 만든 모델의 predict 결과를 돌려주세요.",
    }),
  ),
});

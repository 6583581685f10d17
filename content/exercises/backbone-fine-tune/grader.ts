import { defineGrader } from '../../../graders/types.ts';
import { customCheck, expectLayers, expectParams, expectTrainableWeights, testAccuracy } from '../../../graders/checks.ts';

/**
 * Document 002, 8.7 (listing 8-7): Rescaling(1/255) → DenseNet121 base → Flatten → Dense(1024) →
 * Dropout(0.75) → Dense(120), fine-tuned on Stanford Dogs. Rebuilt on the course's backbone for
 * its transfer task, T-shirt/top vs Shirt (Fashion-MNIST labels 0 and 6, which course-vgg never saw):
 * 293,232 + 525,312 + 2,050 = 820,594 parameters, all trained (the listing freezes nothing).
 * The model takes 0–255 pixels like the listing's, so the grader feeds its test images that way.
 */
const TSHIRT = 0;
const SHIRT = 6;

function accuracyCheck(samples: number, min: number, quickSamples: number, quickMin: number) {
  return customCheck('accuracy', '티셔츠/탑과 셔츠 테스트 정확도', async ({ tf, model, loadTestSet, quick }) => {
    if (!model) return { passed: false, message: '모델이 없습니다.' };
    const [count, threshold] = quick ? [quickSamples, quickMin] : [samples, min];
    const test = await loadTestSet('fashion-mnist', count);
    const keep = tf.logicalOr(tf.equal(test.ys, TSHIRT), tf.equal(test.ys, SHIRT));
    const xs = (await tf.booleanMaskAsync(test.xs, keep)) as ReturnType<typeof tf.tensor4d>;
    const labels = (await tf.booleanMaskAsync(test.ys, keep)) as ReturnType<typeof tf.tensor1d>;
    const pixels = tf.mul(xs, 255) as typeof xs;
    const truth = tf.cast(tf.equal(labels, SHIRT), 'float32') as typeof labels;
    const accuracy = testAccuracy(tf, model, { xs: pixels, ys: truth });
    tf.dispose([pixels, truth]);
    const images = xs.shape[0];
    tf.dispose([test.xs, test.ys, keep, xs, labels]);
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    return accuracy >= threshold
      ? { passed: true, message: `티셔츠/탑과 셔츠 테스트 이미지 ${images.toLocaleString('en-US')}장에서 정확도 ${pct(accuracy)} (기준 ${pct(threshold)} 이상).`, expected: `≥ ${pct(threshold)}`, actual: pct(accuracy) }
      : {
          passed: false,
          message: `티셔츠/탑과 셔츠 테스트 이미지 ${images.toLocaleString('en-US')}장에서 정확도가 ${pct(accuracy)}입니다. ${pct(threshold)} 이상이어야 합니다.`,
          expected: `≥ ${pct(threshold)}`,
          actual: pct(accuracy),
          hint: '두 클래스만 골라 레이블을 0(티셔츠/탑)과 1(셔츠)로 바꿨는지, 모델에 0~255 화소를 넣었는지(Rescaling이 255로 나눕니다), 학습률이 너무 크지 않은지 확인하세요.',
        };
  });
}

export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Rescaling', outputShape: [null, 28, 28, 1], config: { scale: 1 / 255 } },
      { className: 'Model', outputShape: [null, 2, 2, 128], params: 293_232 },
      { className: 'Flatten', outputShape: [null, 512] },
      { className: 'Dense', outputShape: [null, 1024], params: 525_312, config: { activation: 'relu' } },
      { className: 'Dropout', outputShape: [null, 1024], config: { rate: 0.75 } },
      { className: 'Dense', outputShape: [null, 2], params: 2_050, config: { activation: 'softmax' } },
    ]),
    expectParams({ total: 820_594, trainable: 820_594, nonTrainable: 0 }),
    expectTrainableWeights(20),
    accuracyCheck(10_000, 0.8, 2_000, 0.8),
  ],
});

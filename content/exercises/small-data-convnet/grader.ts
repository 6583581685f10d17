import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck, expectLayers, expectParams } from '../../../graders/checks.ts';

/**
 * Document 000, 5.2: the cats-vs-dogs convnet trained from scratch on 2,000 images (RMSprop 1e-4,
 * binary cross-entropy, one sigmoid output). The course's stand-in task is T-shirt/top vs Shirt
 * (Fashion-MNIST labels 0 and 6, docs/pretrained.md), on 28×28×1 images, where the document's four
 * conv–pool blocks do not fit (26 → 13 → 11 → 5 → 3, too small for another block): three
 * convolutions of the document's widths (32, 64, 128), Flatten 1,152, Dense 512, Dense 1.
 *
 * Threshold 70%, measured with the reference solution in Node on wasm: after its 3 epochs it scored
 * 77.9–80.9% on the 984 test images over 16 seeds, but RMSprop at 1e-4 swings by several points from
 * one epoch to the next on this small set (one unseeded check:exercises run scored 73.2% on the 433
 * images of the first 2,000), so the margin is wide. It still fails a pipeline that learns nothing:
 * answering Shirt for everything scores about 50%. The quick budget grades the same 984 images:
 * predicting them takes well under a second, and a smaller sample only adds noise.
 */
const TSHIRT = 0;
const SHIRT = 6;
/** The first 5,000 test images hold 984 T-shirts/tops and shirts. */
const TEST = { samples: 5_000, min: 0.7 };

/** Share of the test split's T-shirt/top and Shirt images the model gets right (sigmoid > 0.5 means Shirt). */
async function binaryTestAccuracy({ tf, model, loadTestSet }: GradingContext, samples: number): Promise<{ accuracy: number; images: number }> {
  const test = await loadTestSet('fashion-mnist', samples);
  const keep = tf.logicalOr(tf.equal(test.ys, TSHIRT), tf.equal(test.ys, SHIRT));
  const xs = (await tf.booleanMaskAsync(test.xs, keep)) as ReturnType<typeof tf.tensor4d>;
  const labels = (await tf.booleanMaskAsync(test.ys, keep)) as ReturnType<typeof tf.tensor1d>;
  const accuracy = tf.tidy(() => {
    const shirt = tf.greater(tf.reshape(model!.predict(xs) as ReturnType<typeof tf.tensor2d>, [-1]), 0.5);
    return tf.mean(tf.cast(tf.equal(shirt, tf.equal(labels, SHIRT)), 'float32')).dataSync()[0] ?? 0;
  });
  const images = xs.shape[0];
  tf.dispose([test.xs, test.ys, keep, xs, labels]);
  return { accuracy, images };
}

export default defineGrader({
  checks: [
    expectLayers([
      { className: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320, config: { filters: 32, kernelSize: 3, padding: 'valid', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 13, 13, 32], config: { poolSize: 2 } },
      { className: 'Conv2D', outputShape: [null, 11, 11, 64], params: 18_496, config: { filters: 64, kernelSize: 3, padding: 'valid', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 5, 5, 64], config: { poolSize: 2 } },
      { className: 'Conv2D', outputShape: [null, 3, 3, 128], params: 73_856, config: { filters: 128, kernelSize: 3, padding: 'valid', activation: 'relu' } },
      { className: 'Flatten', outputShape: [null, 1152] },
      { className: 'Dense', outputShape: [null, 512], params: 590_336, config: { units: 512, activation: 'relu' } },
      { className: 'Dense', outputShape: [null, 1], params: 513, config: { units: 1, activation: 'sigmoid' } },
    ]),
    expectParams({ total: 683_521, trainable: 683_521, nonTrainable: 0 }),
    customCheck('accuracy', '티셔츠/탑과 셔츠 테스트 정확도', async (context) => {
      if (!context.model) return { passed: false, message: '모델이 없습니다.' };
      const { samples, min } = TEST;
      const { accuracy, images } = await binaryTestAccuracy(context, samples);
      const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
      const where = `티셔츠/탑과 셔츠 테스트 이미지 ${images.toLocaleString('en-US')}장에서`;
      return accuracy >= min
        ? { passed: true, message: `${where} 정확도 ${pct(accuracy)} (기준 ${pct(min)} 이상).`, expected: `≥ ${pct(min)}`, actual: pct(accuracy) }
        : {
            passed: false,
            message: `${where} 정확도가 ${pct(accuracy)}입니다. ${pct(min)} 이상이어야 합니다.`,
            expected: `≥ ${pct(min)}`,
            actual: pct(accuracy),
            hint: "두 클래스만 골라 레이블을 0(티셔츠/탑)과 1(셔츠)로 바꿨는지, loss가 'binaryCrossentropy'인지, 학습률이 1e-4인지, 에포크를 줄이지 않았는지 확인하세요.",
          };
    }),
  ],
});

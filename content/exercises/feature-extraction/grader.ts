import { customCheck, expectLayers, expectParams, expectTrainableWeights, type ExpectedLayer } from '../../../graders/checks.ts';
import { defineGrader, type Check } from '../../../graders/types.ts';

/**
 * Document 000, 5.3 (fast feature extraction): the frozen convolutional base runs once over the
 * images, and only the new classifier (Dense 256, Dropout 0.5, Dense 1 sigmoid) is trained, on the
 * features. On the course's backbone and its transfer task, T-shirt/top (label 0) vs Shirt (6),
 * two classes course-vgg never saw. fine-tune-block builds the same model and reuses these checks.
 */
export const TSHIRT = 0;
export const SHIRT = 6;

/** course-vgg's base (frozen) and document 000's classifier: 293,232 + 131,328 + 257 = 424,817 parameters. */
export const FROZEN_BASE_WITH_HEAD: ExpectedLayer[] = [
  { className: 'Model', outputShape: [null, 2, 2, 128], params: 293_232 },
  { className: 'Flatten', outputShape: [null, 512] },
  { className: 'Dense', outputShape: [null, 256], params: 131_328, config: { activation: 'relu' } },
  { className: 'Dropout', outputShape: [null, 256], config: { rate: 0.5 } },
  { className: 'Dense', outputShape: [null, 1], params: 257, config: { activation: 'sigmoid' } },
];

/** The structure checks, on the model as `buildModel()` returns it (steps 1–2: base frozen, head added). */
export const frozenModelChecks: Check[] = [
  expectLayers(FROZEN_BASE_WITH_HEAD),
  expectParams({ total: 424_817, trainable: 131_585, nonTrainable: 293_232 }),
  expectTrainableWeights(4),
];

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * Test accuracy on the T-shirt/top and Shirt images among the first `samples` test images (all
 * 10,000 hold exactly 1,000 of each). The one sigmoid unit says Shirt above 0.5, as Keras's binary
 * accuracy does. The same images in CI and in the browser: 2,000 predictions take seconds, and a
 * smaller sample would move the result by more than the margins these thresholds were set with.
 */
export function tshirtShirtAccuracy(min: number, hint: string, samples = 10_000): Check {
  return customCheck('accuracy', '티셔츠/탑과 셔츠 테스트 정확도', async ({ tf, model, loadTestSet }) => {
    if (!model) return { passed: false, message: '채점할 모델이 없습니다.', expected: `≥ ${pct(min)}`, actual: '없음' };
    const test = await loadTestSet('fashion-mnist', samples);
    const keep = tf.logicalOr(tf.equal(test.ys, TSHIRT), tf.equal(test.ys, SHIRT));
    const xs = (await tf.booleanMaskAsync(test.xs, keep)) as typeof test.xs;
    const labels = (await tf.booleanMaskAsync(test.ys, keep)) as typeof test.ys;
    tf.dispose([test.xs, test.ys, keep]);
    const images = xs.shape[0];
    let correct = 0;
    for (let start = 0; start < images; start += 500) {
      const size = Math.min(500, images - start);
      correct += tf.tidy(() => {
        const probabilities = model.predict(tf.slice(xs, start, size)) as ReturnType<typeof tf.sigmoid>;
        const saysShirt = tf.greater(tf.reshape(probabilities, [size]), 0.5);
        const isShirt = tf.equal(tf.slice(labels, start, size), SHIRT);
        return tf.sum(tf.cast(tf.equal(saysShirt, isShirt), 'float32')).dataSync()[0] ?? 0;
      });
    }
    tf.dispose([xs, labels]);
    const accuracy = images === 0 ? 0 : correct / images;
    const count = images.toLocaleString('en-US');
    return accuracy >= min
      ? { passed: true, message: `티셔츠/탑과 셔츠 테스트 이미지 ${count}장에서 정확도 ${pct(accuracy)} (기준 ${pct(min)} 이상).`, expected: `≥ ${pct(min)}`, actual: pct(accuracy) }
      : { passed: false, message: `티셔츠/탑과 셔츠 테스트 이미지 ${count}장에서 정확도가 ${pct(accuracy)}입니다. ${pct(min)} 이상이어야 합니다.`, expected: `≥ ${pct(min)}`, actual: pct(accuracy), hint };
  });
}

/** Feature extraction leaves the pretrained base as it was: its weights must still be course-vgg's. */
const baseUnchanged = customCheck('base.unchanged', '합성곱 기반의 가중치가 그대로인지', async ({ tf, model, loadPretrained }) => {
  const base = model?.layers[0] as { weights?: { name: string }[]; getWeights?: () => ReturnType<typeof tf.zeros>[] } | undefined;
  if (!base?.getWeights) return { passed: false, message: '모델의 첫 층이 합성곱 기반이 아닙니다.', expected: 'course-vgg', actual: '없음' };
  const original = await loadPretrained('course-vgg', { includeTop: false });
  try {
    const now = base.getWeights();
    const before = original.getWeights();
    if (now.length !== before.length) return { passed: false, message: `기반의 가중치 텐서가 ${now.length}개입니다. course-vgg의 기반은 ${before.length}개입니다.`, expected: String(before.length), actual: String(now.length) };
    const moved = now.map((w, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(w, before[i]!))).dataSync()[0] ?? 0));
    const worst = Math.max(...moved);
    const at = original.weights[moved.indexOf(worst)]?.name ?? '';
    return worst <= 1e-6
      ? { passed: true, message: '학습이 끝난 뒤에도 합성곱 기반의 가중치 16개가 course-vgg의 것과 같습니다. 분류기만 학습했습니다.', expected: '변화 없음', actual: '변화 없음' }
      : {
          passed: false,
          message: `합성곱 기반의 가중치가 학습 중에 바뀌었습니다 (${at.split('/')[0]}에서 최대 ${worst.toExponential(1)}). 특성 추출에서는 기반을 동결한 채로 두고 분류기만 학습합니다.`,
          expected: '변화 없음',
          actual: `최대 변화 ${worst.toExponential(1)}`,
          hint: 'train()에서 base.trainable을 다시 true로 바꾸거나 모델 전체를 학습하지 않았는지 확인하세요. 특성은 base.predict로 한 번만 구합니다.',
        };
  } finally {
    original.dispose();
  }
});

export default defineGrader({
  checks: [
    ...frozenModelChecks,
    baseUnchanged,
    tshirtShirtAccuracy(0.785, '두 클래스만 골라 레이블을 0(티셔츠/탑)과 1(셔츠)로 바꿨는지, 특성을 base.predict로 구해 분류기를 학습했는지, 학습률(rmsprop 2e-4)과 에포크(30)를 확인하세요.'),
  ],
});

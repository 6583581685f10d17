import type * as tfCore from '@tensorflow/tfjs-core';
import { call, defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck, testAccuracy, toNumeric, type Numeric } from '../../../graders/checks.ts';
import { fashionCnn001Topology } from '../../../graders/reference-models.ts';
import { modelFromTopology } from '../../../src/runtime/model-artifacts.ts';
import { seededPermutation } from '../../../src/data/random.ts';

/**
 * Document 001, data augmentation (ImageDataGenerator: rotation 10°, zoom 0.10, shear 0.5,
 * shifts 0.10, horizontal flip). Random output cannot be compared value by value, so the checks
 * are properties: shape and range kept, images changed but still closest to their own source
 * (labels stay valid), reproducible per seed, a zero setting is the identity, and a flip-only
 * setting gives each image or its mirror.
 */
const SIZE = 28;

/**
 * Eight test images in [0, 1] that stay distinct under the document's small moves and under a
 * left-right flip: blobs of two sizes, high or low, centred or off to one side, over a ramp that
 * makes every image asymmetric.
 */
function testImages(count: number): Numeric {
  const values: number[] = [];
  for (let k = 0; k < count; k++) {
    const by = k % 2 === 0 ? 6 : 21;
    const bx = Math.floor(k / 2) % 2 === 0 ? 14 : 6;
    const radius = Math.floor(k / 4) % 2 === 0 ? 3 : 6;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const blob = (x - bx) ** 2 + (y - by) ** 2 <= radius ** 2 ? 0.7 : 0;
        values.push(Math.round((blob + (0.3 * x) / (SIZE - 1)) * 100) / 100);
      }
    }
  }
  return { shape: [count, SIZE, SIZE, 1], values: Float64Array.from(values) };
}

const DOCUMENT = { rotation: 10, zoom: 0.1, shear: 0.5, widthShift: 0.1, heightShift: 0.1, horizontalFlip: true };
const NOTHING = { rotation: 0, zoom: 0, shear: 0, widthShift: 0, heightShift: 0, horizontalFlip: false };
const FLIP_ONLY = { ...NOTHING, horizontalFlip: true };
/**
 * Does training on augmented images generalize at least as well? Document 001's first CNN learns
 * from 300 Fashion-MNIST training images twice, from the same seeded weights and batch order:
 * 40 epochs of the originals, or 20 epochs of the originals plus one augmented copy each
 * (augmented images are added, not swapped in), so both see 12,000 images. The copies
 * come from the learner's augment() with the document's settings except the flip, which costs
 * more here (shoes in Fashion-MNIST nearly all face one way).
 *
 * Measured with the reference augment() (Node, WASM): 75.3% without, 73.8–74.9% with, over four
 * augmentation seeds; so at this budget augmentation is about even, not a gain, and the check
 * allows 2.5 points. The lesson shows these numbers.
 */
const GENERALIZE = { dataset: 'fashion-mnist', count: 300, seed: 5, copies: 10, epochs: 20, testImages: 2000, margin: 0.025 } as const;
const NO_FLIP = { rotation: 10, zoom: 0.1, shear: 0.5, widthShift: 0.1, heightShift: 0.1, horizontalFlip: false };

/** Test accuracy of document 001's CNN after training on `epochData(e)` for each epoch, batches of 32 in a seeded order. */
async function trainedAccuracy(tf: typeof tfCore, epochs: number, epochData: (epoch: number) => { xs: tfCore.Tensor4D; ys: tfCore.Tensor1D; temporary?: boolean }, test: { xs: tfCore.Tensor4D; ys: tfCore.Tensor1D }): Promise<number> {
  const model = await modelFromTopology(fashionCnn001Topology());
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy' });
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const { xs, ys, temporary } = epochData(epoch);
      const order = tf.tensor1d(Int32Array.from(seededPermutation(xs.shape[0], 100 + epoch)), 'int32');
      const [bx, by] = [tf.gather(xs, order), tf.gather(ys, order)];
      await model.fit(bx, by, { epochs: 1, batchSize: 32, shuffle: false, verbose: 0 });
      tf.dispose([order, bx, by]);
      if (temporary) xs.dispose();
    }
    return testAccuracy(tf, model, test);
  } finally {
    model.dispose();
  }
}

const batch = testImages(8);
const flipBatch = testImages(16);
// Plain numbers: the site serves call inputs as JSON, where two-decimal pixels stay short.
const asArg = (t: Numeric) => ({ $tensor: { shape: t.shape, values: Array.from(t.values) } });

/** The calls the checks below read: the document's settings (twice, and with another seed), nothing, a flip only, and the training images. */
const CALLS = {
  document: call('augment#document', 'augment', [asArg(batch), DOCUMENT, 1]),
  again: call('augment#again', 'augment', [asArg(batch), DOCUMENT, 1]),
  otherSeed: call('augment#other-seed', 'augment', [asArg(batch), DOCUMENT, 2]),
  nothing: call('augment#nothing', 'augment', [asArg(batch), NOTHING, 1]),
  flipOnly: call('augment#flip-only', 'augment', [asArg(flipBatch), FLIP_ONLY, 3]),
  training: call('augment#training', 'augment', [
    { $trainingImages: { dataset: GENERALIZE.dataset, count: GENERALIZE.count, seed: GENERALIZE.seed, repeat: GENERALIZE.copies } },
    NO_FLIP,
    4,
  ]),
};

const PIXELS = SIZE * SIZE;
const image = (t: Numeric, i: number) => t.values.slice(i * PIXELS, (i + 1) * PIXELS);
const mirror = (pixels: Float64Array) => pixels.map((_, p) => pixels[Math.floor(p / SIZE) * SIZE + (SIZE - 1 - (p % SIZE))]!);
const meanSquare = (a: number[], b: number[]) => a.reduce((sum, v, p) => sum + (v - b[p]!) ** 2, 0) / a.length;
/** 4×4 mean pooling (28×28 → 7×7): what an image shows, with a few pixels of shift averaged out. */
const coarse = (pixels: Float64Array) =>
  Array.from({ length: 49 }, (_, c) => {
    let sum = 0;
    for (let p = 0; p < 16; p++) sum += pixels[(Math.floor(c / 7) * 4 + Math.floor(p / 4)) * SIZE + (c % 7) * 4 + (p % 4)]!;
    return sum / 16;
  });
const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, p) => Math.max(m, Math.abs(v - b[p]!)), 0);

/** The learner's result of `made`, if it is a tensor of the input's shape; otherwise the failure to report. */
function result(context: GradingContext, made: { key: string }, like: Numeric): Numeric | { message: string } {
  const t = toNumeric(context.values?.[made.key]);
  if (!t) return { message: 'augment()가 텐서를 반환하지 않았습니다.' };
  if (JSON.stringify(t.shape) !== JSON.stringify(like.shape)) return { message: `augment()의 결과 모양이 [${t.shape.join(', ')}]입니다. 입력과 같은 [${like.shape.join(', ')}]이어야 합니다.` };
  return t;
}

/** Why the labels would no longer fit `out` (an output nearer another source than its own), if they would not. */
function orderProblem(out: Numeric): string | undefined {
  // Each output must still look most like its own source (or that source's mirror), so labels stay valid.
  const sources = [...Array(8).keys()].map((j) => [coarse(image(batch, j)), coarse(mirror(image(batch, j)))] as const);
  for (let i = 0; i < 8; i++) {
    const seen = coarse(image(out, i));
    const distance = (j: number) => Math.min(meanSquare(seen, sources[j]![0]), meanSquare(seen, sources[j]![1]));
    const nearest = [...Array(8).keys()].reduce((best, j) => (distance(j) < distance(best) ? j : best), 0);
    if (nearest !== i) return `${i + 1}번째 결과가 ${nearest + 1}번째 입력에 더 가깝습니다. 이미지 순서가 바뀌면 레이블이 맞지 않습니다.`;
  }
  return undefined;
}

const failed = (message: string, hint?: string) => ({ passed: false, message, ...(hint ? { hint } : {}) });

/** What augment() must do, each checked in milliseconds on small fixed batches. */
const PROPERTIES = [
  customCheck('augment.shape-range', '모양과 값의 범위 유지', (context) => {
    const out = result(context, CALLS.document, batch);
    if ('message' in out) return failed(out.message);
    const low = Math.min(...out.values);
    const high = Math.max(...out.values);
    return low >= -1e-6 && high <= 1 + 1e-6
      ? { passed: true, message: `결과가 입력과 같은 [${out.shape.join(', ')}] 모양이고 값이 0~1 안에 있습니다.` }
      : failed(`결과 값의 범위가 ${low.toFixed(3)}~${high.toFixed(3)}입니다. 입력처럼 0~1 안에 있어야 합니다.`, "빈 곳은 0 대신 가장자리 값으로 채우고(fillMode 'nearest'), 값을 새로 만들지 마세요.");
  }, { calls: [CALLS.document] }),
  customCheck('augment.changes', '이미지가 실제로 바뀜', (context) => {
    const out = result(context, CALLS.document, batch);
    if ('message' in out) return failed(out.message);
    const changed = Array.from({ length: 8 }, (_, i) => maxDiff(image(out, i), image(batch, i)) > 0.05).filter(Boolean).length;
    return changed === 8
      ? { passed: true, message: '문서 001의 설정으로 이미지 8장이 모두 바뀌었습니다.' }
      : failed(`문서 001의 설정인데 이미지 8장 중 ${8 - changed}장이 그대로입니다.`, '회전·확대·기울임·이동을 변환 행렬에 모두 넣었는지 확인하세요.');
  }, { calls: [CALLS.document] }),
  customCheck('augment.order', '순서 유지 (레이블이 그대로 맞음)', (context) => {
    const out = result(context, CALLS.document, batch);
    if ('message' in out) return failed(out.message);
    const problem = orderProblem(out);
    return problem ? failed(problem, '이미지를 섞지 말고, i번째 입력으로 i번째 결과를 만드세요.') : { passed: true, message: '결과마다 자기 원본과 가장 닮아 레이블이 그대로 맞습니다.' };
  }, { calls: [CALLS.document] }),
  customCheck('augment.seeded', '시드가 같으면 같은 결과', (context) => {
    const a = result(context, CALLS.document, batch);
    const b = result(context, CALLS.again, batch);
    const c = result(context, CALLS.otherSeed, batch);
    for (const r of [a, b, c]) if ('message' in r) return failed(r.message);
    const [first, again, other] = [a, b, c] as Numeric[];
    if (maxDiff(first!.values, again!.values) > 1e-5) return failed('같은 시드로 두 번 불렀는데 결과가 다릅니다.', 'Math.random 대신 seed로 시작하는 난수 생성기를 쓰세요.');
    if (maxDiff(first!.values, other!.values) < 1e-3) return failed('시드를 바꿔도 결과가 같습니다.', '난수 생성기를 seed로 초기화하세요.');
    return { passed: true, message: '같은 시드는 같은 결과를, 다른 시드는 다른 결과를 냅니다.' };
  }, { calls: [CALLS.document, CALLS.again, CALLS.otherSeed] }),
  customCheck('augment.identity', '모든 값이 0이면 그대로', (context) => {
    const out = result(context, CALLS.nothing, batch);
    if ('message' in out) return failed(out.message);
    const diff = maxDiff(out.values, batch.values);
    return diff <= 1e-4
      ? { passed: true, message: '변환 범위가 모두 0이면 입력이 그대로 나옵니다.' }
      : failed(`변환 범위가 모두 0인데 결과가 입력과 최대 ${diff.toFixed(3)}만큼 다릅니다.`, '범위 0에서 행렬이 항등 변환 [1, 0, 0, 0, 1, 0, 0, 0]이 되는지 확인하세요.');
  }, { calls: [CALLS.nothing] }),
  customCheck('augment.flip', '좌우 반전만 켜면 원본 또는 flipLeftRight', (context) => {
    const out = result(context, CALLS.flipOnly, flipBatch);
    if ('message' in out) return failed(out.message);
    let flipped = 0;
    for (let i = 0; i < 16; i++) {
      const source = image(flipBatch, i);
      const got = image(out, i);
      if (maxDiff(got, mirror(source)) <= 1e-4) flipped += 1;
      else if (maxDiff(got, source) > 1e-4) return failed(`${i + 1}번째 결과가 원본도, 좌우 반전(tf.image.flipLeftRight)도 아닙니다.`, '반전만 켠 설정에서는 다른 변환이 없어야 합니다.');
    }
    if (flipped === 0 || flipped === 16) return failed(`16장 중 ${flipped}장이 반전되었습니다. 이미지마다 절반의 확률로 반전해야 합니다.`, 'next() < 0.5처럼 이미지마다 따로 정하세요.');
    return { passed: true, message: `16장 중 ${flipped}장이 좌우 반전되고 나머지는 그대로입니다.` };
  }, { calls: [CALLS.flipOnly] }),
];

export default defineGrader({
  checks: [
    ...PROPERTIES,
    customCheck('augment.generalizes', '증강한 이미지를 더해 학습한 모델이 적어도 비슷하게 일반화함', async (context) => {
      const { tf } = context;
      const { count, copies, epochs, margin } = GENERALIZE;
      // Training costs most of a minute: spent only on an augment() with every property above, among
      // them labels that still fit the images and a seed that makes the comparison come out the same
      // on every grading.
      for (const property of PROPERTIES) {
        const [outcome] = await property.run(context);
        if (outcome && !outcome.passed) return failed(`'${outcome.title}' 검사를 통과하지 못한 augment()로는 학습해 보지 않았습니다.`, '앞의 검사를 모두 통과하면, 같은 모델을 두 번 학습해 비교합니다.');
      }
      const copiesShape = [count * copies, SIZE, SIZE, 1];
      const out = toNumeric(context.values?.[CALLS.training.key]);
      if (!out || JSON.stringify(out.shape) !== JSON.stringify(copiesShape)) {
        return failed(`훈련 이미지 ${count * copies}장을 증강한 결과가 [${copiesShape.join(', ')}] 모양의 텐서가 아닙니다.`, '앞의 모양 검사를 먼저 통과하세요.');
      }
      if (out.values.some((v) => !(v >= -1e-6 && v <= 1 + 1e-6))) return failed('훈련 이미지를 증강한 값이 0~1 밖으로 나갔습니다.', '앞의 범위 검사를 먼저 통과하세요.');
      const train = await context.loadTrainingSet(GENERALIZE.dataset, count, GENERALIZE.seed);
      const test = await context.loadTestSet(GENERALIZE.dataset, GENERALIZE.testImages);
      const augmented = tf.tensor4d(Float32Array.from(out.values), copiesShape as [number, number, number, number]);
      const ys = tf.cast(train.ys, 'float32') as tfCore.Tensor1D;
      const doubledYs = tf.concat([ys, ys]) as tfCore.Tensor1D;
      try {
        const plain = await trainedAccuracy(tf, 2 * epochs, () => ({ xs: train.xs, ys }), test);
        const withAugmented = await trainedAccuracy(
          tf,
          epochs,
          (epoch) => {
            const xs = tf.tidy(() => tf.concat([train.xs, tf.slice(augmented, [(epoch % copies) * count, 0, 0, 0], [count, -1, -1, -1])]) as tfCore.Tensor4D);
            return { xs, ys: doubledYs, temporary: true };
          },
          test,
        );
        const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
        const summary = `원본만: ${percent(plain)}, 증강 포함: ${percent(withAugmented)} (테스트 이미지 ${GENERALIZE.testImages}장)`;
        return withAugmented >= plain - margin
          ? { passed: true, message: `훈련 이미지 ${count}장으로 같은 모델을 두 번 학습했습니다. ${summary}.` }
          : {
              passed: false,
              message: `증강한 이미지를 더해 학습했더니 테스트 정확도가 ${percent(plain - withAugmented)}포인트 떨어졌습니다. ${summary}.`,
              expected: `${percent(plain - margin)} 이상`,
              actual: percent(withAugmented),
              hint: '변환이 너무 세면 이미지가 다른 옷처럼 보입니다. 각도를 도 단위로 받아 라디안으로 바꿨는지, 이동이 이미지 크기에 대한 비율인지 확인하세요.',
            };
      } finally {
        tf.dispose([train.xs, train.ys, test.xs, test.ys, augmented, ys, doubledYs]);
      }
    }, { calls: Object.values(CALLS) }),
  ],
});

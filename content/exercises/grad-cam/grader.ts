import * as tfl from '@tensorflow/tfjs-layers';
import type * as tfCore from '@tensorflow/tfjs-core';
import { customCheck } from '../../../graders/checks.ts';
import { call, defineGrader, type CheckResult, type GradingContext } from '../../../graders/types.ts';

/**
 * Document 000, 5.4.3: a class activation heatmap (Grad-CAM). The gradient of one class's score
 * with respect to the last convolution's feature maps, averaged over each map, weights the maps;
 * their weighted sum, kept where positive and divided by its maximum, says where the image made
 * the network think of that class. The document's example is VGG16 on an African elephant photo;
 * here it is the course's pretrained models on Fashion-MNIST and MNIST images.
 *
 * The score is the class's value before the softmax (the Grad-CAM paper's y^c): course-vgg gives
 * many training images a probability of 1.0000 in float32, and the softmax output's gradient then
 * vanishes (seed 2's image: an all-zero map at block3_conv2). Heatmaps are compared by Pearson
 * correlation with the grader's own, so any scale or a sum instead of a mean passes. Measured on
 * these calls (Node, wasm): the reference 1.000; the softmax probability as the score 0.884
 * (block4_conv2) and 0.695 (block3_conv2); the gradient times the maps position by position
 * (no pooling) 0.822 and 0.130; the top class's map in place of ankle boot's 0.619. Hence 0.95.
 */
const MIN_CORRELATION = 0.95;

const FASHION = { $trainingImages: { dataset: 'fashion-mnist' as const, count: 1, seed: 1 } }; // a sneaker
const DIGIT = { $trainingImages: { dataset: 'mnist' as const, count: 1, seed: 3 } }; // a 6

/** course-vgg's classes: 5 = sneaker (its top class for FASHION), 7 = ankle boot. postcode-cnn's: the digits. */
const CASES = {
  vgg4: { model: 'course-vgg', image: FASHION, classIndex: 5, layer: 'block4_conv2', shape: [4, 4], what: 'course-vgg, 스니커즈, block4_conv2' },
  vgg3: { model: 'course-vgg', image: FASHION, classIndex: 5, layer: 'block3_conv2', shape: [8, 8], what: 'course-vgg, 스니커즈, block3_conv2' },
  boot: { model: 'course-vgg', image: FASHION, classIndex: 7, layer: 'block3_conv2', shape: [8, 8], what: 'course-vgg, 같은 이미지의 앵클 부츠(7) 클래스, block3_conv2' },
  digit: { model: 'postcode-cnn', image: DIGIT, classIndex: 6, layer: 'conv2d_3', shape: [8, 8], what: 'postcode-cnn, 숫자 6, conv2d_3' },
};
type Case = (typeof CASES)[keyof typeof CASES] & { key: string };
const ALL: Case[] = Object.entries(CASES).map(([key, c]) => ({ ...c, key: `cam.${key}` }));
const callOf = (c: Case) => call(c.key, 'gradCamByName', [c.model, c.image, c.classIndex, c.layer]);
const byKey = (k: keyof typeof CASES) => ALL.find((c) => c.key === `cam.${k}`)!;

/** The grader's Grad-CAM, the same four steps on the model it loads itself. */
async function referenceMap(context: GradingContext, c: Case): Promise<Float32Array> {
  const { tf } = context;
  const model = await context.loadPretrained(c.model);
  const { dataset, count, seed } = c.image.$trainingImages;
  const set = await context.loadTrainingSet(dataset, count, seed);
  try {
    const index = model.layers.indexOf(model.getLayer(c.layer));
    const head = tfl.model({ inputs: model.inputs, outputs: model.layers[index]!.output as tfl.SymbolicTensor });
    const rest = model.layers.slice(index + 1);
    const [kernel, bias] = rest.at(-1)!.getWeights();
    const scores = (maps: tfCore.Tensor) => {
      let x = maps;
      for (const layer of rest.slice(0, -1)) x = layer.apply(x) as tfCore.Tensor;
      return tf.add(tf.matMul(x as tfCore.Tensor2D, kernel as tfCore.Tensor2D), bias!);
    };
    return tf.tidy(() => {
      const maps = head.predict(set.xs) as tfCore.Tensor4D;
      const grads = tf.grad((m: tfCore.Tensor) => tf.sum(tf.slice(scores(m), [0, c.classIndex], [1, 1])))(maps);
      const cam = tf.relu(tf.sum(tf.mul(maps, tf.mean(grads, [0, 1, 2])), -1));
      return tf.div(cam, tf.add(tf.max(cam), 1e-10)).dataSync() as Float32Array;
    });
  } finally {
    tf.dispose([set.xs, set.ys]);
    model.dispose();
  }
}

type Plain = { shape: number[]; values: ArrayLike<number> };
type Verdict = Omit<CheckResult, 'id' | 'title'>;

function returned(context: GradingContext, c: Case): Plain | string {
  const v = context.values?.[c.key] as Plain | undefined;
  if (!v || !Array.isArray(v.shape) || typeof v.values?.length !== 'number') return `gradCamByName('${c.model}', 이미지, ${c.classIndex}, '${c.layer}')이(가) 텐서를 반환하지 않았습니다.`;
  return v;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/** Runs `judge` on each case in turn; the first failure is the answer. */
async function overCases(cases: Case[], context: GradingContext, judge: (c: Case, cam: Plain) => Promise<Verdict | string> | Verdict | string): Promise<Verdict> {
  const passed: string[] = [];
  for (const c of cases) {
    const cam = returned(context, c);
    if (typeof cam === 'string') return { passed: false, message: cam, hint: 'gradCam이 [높이, 너비] 텐서를 return 하는지 확인하세요.' };
    const verdict = await judge(c, cam);
    if (typeof verdict !== 'string') return verdict;
    passed.push(verdict);
  }
  return { passed: true, message: passed.join(' · ') };
}

const sameShape = (c: Case, cam: Plain) => JSON.stringify(cam.shape) === JSON.stringify(c.shape);

/** Correlation with the grader's map for these cases, at least MIN_CORRELATION. */
function matchCheck(id: string, title: string, cases: Case[], hint: string) {
  return customCheck(
    id,
    title,
    (context) =>
      overCases(cases, context, async (c, cam) => {
        if (!sameShape(c, cam)) return { passed: false, message: `${c.what}: 모양이 달라 비교할 수 없습니다 ([${cam.shape.join(', ')}], 기대 [${c.shape.join(', ')}]).` };
        const r = pearson(cam.values, await referenceMap(context, c));
        if (!(r >= MIN_CORRELATION)) {
          return { passed: false, message: `${c.what}: 채점기의 히트맵과의 상관계수가 ${r.toFixed(3)}입니다. ${MIN_CORRELATION} 이상이어야 합니다.`, expected: `≥ ${MIN_CORRELATION}`, actual: r.toFixed(3), hint };
        }
        return `${c.what}: 상관계수 ${r.toFixed(3)}`;
      }),
    { calls: cases.map(callOf) },
  );
}

export default defineGrader({
  checks: [
    customCheck(
      'cam.shape',
      '히트맵의 모양: 그 층의 특성 맵의 [높이, 너비]',
      (context) =>
        overCases(ALL, context, (c, cam) =>
          sameShape(c, cam)
            ? `${c.layer} [${cam.shape.join(', ')}]`
            : { passed: false, message: `${c.what}: 히트맵의 모양이 [${cam.shape.join(', ')}]입니다.`, expected: `[${c.shape.join(', ')}]`, actual: `[${cam.shape.join(', ')}]`, hint: '채널 방향(마지막 축)으로 더하고 배치 축을 없애(squeeze) [높이, 너비]로 만드세요. 입력에 대한 기울기가 아니라 특성 맵에 대한 기울기를 씁니다.' },
        ),
      { calls: ALL.map(callOf) },
    ),
    customCheck(
      'cam.range',
      '값의 범위: 음수 없음(ReLU), 가장 큰 값이 1',
      (context) =>
        overCases(ALL, context, (c, cam) => {
          const values = Array.from(cam.values);
          if (!values.every(Number.isFinite)) return { passed: false, message: `${c.what}: 히트맵에 NaN이나 무한대가 있습니다.`, hint: '최댓값으로 나눌 때 1e-10을 더해 0으로 나누지 않게 하세요.' };
          const min = Math.min(...values);
          const max = Math.max(...values);
          if (min < -1e-6) return { passed: false, message: `${c.what}: 가장 작은 값이 ${min.toFixed(3)}입니다. 음수는 0이어야 합니다.`, expected: '≥ 0', actual: min.toFixed(3), hint: '가중합한 맵에 relu를 적용해, 클래스에 반대로 작용한 위치는 0으로 만드세요.' };
          if (Math.abs(max - 1) > 1e-3) return { passed: false, message: `${c.what}: 가장 큰 값이 ${max.toFixed(4)}입니다. 1이 되도록 최댓값으로 나누세요.`, expected: '1', actual: max.toFixed(4), hint: 'cam.div(cam.max().add(1e-10))' };
          return `${c.layer} 0~1`;
        }),
      { calls: ALL.map(callOf) },
    ),
    matchCheck(
      'cam.match',
      `course-vgg의 히트맵이 채점기의 것과 같은 모양인가 (상관계수 ${MIN_CORRELATION} 이상)`,
      [byKey('vgg4'), byKey('vgg3')],
      '점수는 소프트맥스 직전 값(시작 코드의 classScores)을 쓰고, 기울기를 채널마다 높이·너비 방향으로 평균해 가중치로 쓰세요(위치마다 곱하지 않습니다).',
    ),
    matchCheck(
      'cam.class',
      '요청한 클래스의 히트맵인가 (1위가 아닌 클래스)',
      [byKey('boot')],
      'classIndex로 받은 클래스의 점수를 미분하세요. 모델이 가장 높게 본 클래스(argMax)를 쓰면 다른 클래스의 히트맵이 됩니다.',
    ),
    matchCheck(
      'cam.otherModel',
      '다른 모델(postcode-cnn, Sequential)에서도 같은 방법으로',
      [byKey('digit')],
      '층 이름(layerName)으로 층을 찾고, 모델마다 다른 층 구성에 기대지 마세요.',
    ),
  ],
});

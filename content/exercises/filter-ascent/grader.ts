import * as tfl from '@tensorflow/tfjs-layers';
import type * as tfCore from '@tensorflow/tfjs-core';
import { customCheck, expectValues } from '../../../graders/checks.ts';
import { call, defineGrader, type GradingContext } from '../../../graders/types.ts';

/**
 * Document 000, 5.4.2: gradient ascent on the input image maximizes one filter's mean activation
 * (the document's picture is VGG16's block3_conv1, filter 0). Here on the course's pretrained
 * models, from a grey start with a little noise as the book starts, 40 steps of 0.01 with the
 * gradient divided by its RMS.
 *
 * Measured with the reference solution (Node, wasm; the rise is after / before):
 *   course-vgg block3_conv1 filter 1   1.75× (clipping to 0–1 every step 1.74×; L2-normalized
 *                                       gradient 1.09×; raw gradient 1.02×; descent 0.00×)
 *   course-vgg block1_conv2 filter 1   6.95× (clip 6.37×, L2 1.21×, raw 1.00×, descent 0.55×)
 *   postcode-cnn conv2d_2 filter 1     3.39× (clip 2.82×, L2 1.14×, raw 1.01×, descent 0.00×)
 * so a rise of 1.4× passes every right variant with margin and none of the wrong ones. The
 * document's own filter (block3_conv1, 0) is dead on this start in course-vgg (activation 0, so
 * the gradient is 0) and is not asked for. Each step moves the image by stepSize in RMS, so after
 * `steps` steps it can be at most steps × stepSize away from the start: a check of that bound
 * stops "rises" made by rescaling the image instead of following the gradient.
 */
const MIN_RISE = 1.4;
const STEPS = 40;
const STEP_SIZE = 0.01;

/** The book's start, in [0, 1]: grey (0.5) with uniform noise up to 0.08, from a fixed LCG so the grader can rebuild it. */
function startImage(): { shape: number[]; values: number[] } {
  let s = 2026;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return { shape: [1, 28, 28, 1], values: Array.from({ length: 784 }, () => Math.round((0.5 + 0.08 * rand()) * 1000) / 1000) };
}
const START = { $tensor: startImage() };

const CASES = [
  { key: 'ascent.vgg3', model: 'course-vgg', layer: 'block3_conv1', filter: 1 },
  { key: 'ascent.vgg1', model: 'course-vgg', layer: 'block1_conv2', filter: 1 },
  { key: 'ascent.postcode', model: 'postcode-cnn', layer: 'conv2d_2', filter: 1 },
].map((c) => ({ ...c, call: call(c.key, 'filterAscentByName', [c.model, c.layer, c.filter, START, STEPS, STEP_SIZE]) }));
type Case = (typeof CASES)[number];
const label = (c: Case) => `${c.model} ${c.layer} 필터 ${c.filter}`;

type Plain = { shape: number[]; values: ArrayLike<number> };
function returnedImage(context: GradingContext, c: Case): Plain | undefined {
  const v = context.values?.[c.key] as Plain | undefined;
  return v && Array.isArray(v.shape) && typeof v.values?.length === 'number' ? v : undefined;
}

/** The filter's mean activation for an image, on the model the grader loads itself. */
async function filterMean(context: GradingContext, c: Case, image: Plain): Promise<number> {
  const { tf } = context;
  const model = await context.loadPretrained(c.model);
  try {
    const layerModel = tfl.model({ inputs: model.inputs, outputs: model.getLayer(c.layer).output as tfl.SymbolicTensor });
    return tf.tidy(() => {
      const x = tf.tensor4d(Array.from(image.values), image.shape as [number, number, number, number]);
      const maps = layerModel.predict(x) as tfCore.Tensor4D;
      return tf.mean(tf.slice(maps, [0, 0, 0, c.filter], [-1, -1, -1, 1])).dataSync()[0]!;
    });
  } finally {
    model.dispose();
  }
}

/** A ramp with one outlier at each end: the outliers land beyond 0–1 after standardizing and must be clipped. */
const DEPROCESS_INPUT = { shape: [1, 10, 10, 1], values: [...Array.from({ length: 98 }, (_, i) => i / 100), 1000, -1000] };

const startPlain: Plain = START.$tensor;
const rms = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum / a.length);
};

/** Each case in turn; the first failure is the answer. */
async function overCases(context: GradingContext, judge: (c: Case, image: Plain) => Promise<string | { message: string; expected?: string; actual?: string; hint?: string }>) {
  const passed: string[] = [];
  for (const c of CASES) {
    const image = returnedImage(context, c);
    if (!image) return { passed: false, message: `filterAscentByName('${c.model}', '${c.layer}', ${c.filter}, …)이(가) 텐서를 반환하지 않았습니다.`, hint: '경사 상승을 마친 이미지(텐서)를 return 하세요.' };
    const verdict = await judge(c, image);
    if (typeof verdict !== 'string') return { passed: false, ...verdict };
    passed.push(verdict);
  }
  return { passed: true, message: passed.join(' · ') };
}

const HINT_ASCENT = '기울기를 RMS로 나눈 뒤 stepSize를 곱해 이미지에 더하세요(빼면 하강입니다). 그냥 기울기를 더하면 값이 너무 작아 이미지가 거의 바뀌지 않습니다.';

export default defineGrader({
  checks: [
    customCheck(
      'ascent.shape',
      '결과 이미지: 시작 이미지와 같은 모양, 유한한 값',
      (context) =>
        overCases(context, async (c, image) => {
          if (JSON.stringify(image.shape) !== JSON.stringify(startPlain.shape)) {
            return { message: `${label(c)}: 결과의 모양이 [${image.shape.join(', ')}]입니다.`, expected: `[${startPlain.shape.join(', ')}]`, actual: `[${image.shape.join(', ')}]`, hint: '기울기가 아니라, 기울기를 더해 간 이미지를 반환하세요.' };
          }
          if (!Array.from(image.values).every(Number.isFinite)) return { message: `${label(c)}: 결과에 NaN이나 무한대가 있습니다.`, hint: 'RMS로 나눌 때 1e-5를 더해 0으로 나누지 않게 하세요.' };
          return label(c);
        }),
      { calls: CASES.map((c) => c.call) },
    ),
    customCheck(
      'ascent.budget',
      `이미지가 움직인 거리: 시작 이미지에서 RMS ${STEPS} × ${STEP_SIZE} 이하`,
      (context) =>
        overCases(context, async (c, image) => {
          if (image.values.length !== startPlain.values.length) return { message: `${label(c)}: 결과의 크기가 시작 이미지와 다릅니다.` };
          const moved = rms(image.values, startPlain.values);
          const limit = STEPS * STEP_SIZE * 1.001;
          if (moved > limit) {
            return {
              message: `${label(c)}: 이미지가 시작 이미지에서 RMS ${moved.toFixed(3)}만큼 바뀌었습니다. 스텝마다 정규화한 기울기 × ${STEP_SIZE}만큼 움직이면 ${STEPS}스텝에 ${(STEPS * STEP_SIZE).toFixed(2)}를 넘을 수 없습니다.`,
              expected: `≤ ${(STEPS * STEP_SIZE).toFixed(2)}`,
              actual: moved.toFixed(3),
              hint: '이미지를 키우거나 바꾸지 말고, RMS로 나눈 기울기 × stepSize만 더하세요.',
            };
          }
          return `${label(c)}: ${moved.toFixed(3)}`;
        }),
      { calls: CASES.map((c) => c.call) },
    ),
    customCheck(
      'ascent.rise',
      `필터의 평균 활성화가 시작 이미지보다 ${MIN_RISE}배 이상`,
      (context) =>
        overCases(context, async (c, image) => {
          if (JSON.stringify(image.shape) !== JSON.stringify(startPlain.shape)) return { message: `${label(c)}: 결과의 모양이 달라 활성화를 잴 수 없습니다.` };
          const before = await filterMean(context, c, startPlain);
          const after = await filterMean(context, c, image);
          const rise = after / before;
          if (!(rise >= MIN_RISE)) {
            return {
              message: `${label(c)}: 평균 활성화가 ${before.toFixed(4)}에서 ${after.toFixed(4)}로 ${Number.isFinite(rise) ? `${rise.toFixed(2)}배` : '바뀌었습니다'}. ${MIN_RISE}배 이상이어야 합니다.`,
              expected: `≥ ${MIN_RISE}배`,
              actual: Number.isFinite(rise) ? `${rise.toFixed(2)}배` : String(after),
              hint: HINT_ASCENT,
            };
          }
          return `${label(c)}: ${before.toFixed(3)} → ${after.toFixed(3)} (${rise.toFixed(2)}배)`;
        }),
      { calls: CASES.map((c) => c.call) },
    ),
    expectValues({
      id: 'deprocess.values',
      title: '보기 좋게 바꾸기: 표준화 → × 0.1 → + 0.5 → 0~1로 자르기',
      call: { name: 'deprocess', args: [{ $tensor: DEPROCESS_INPUT }] },
      expected: ({ tf }) =>
        tf.tidy(() => {
          const x = tf.tensor4d(DEPROCESS_INPUT.values, DEPROCESS_INPUT.shape as [number, number, number, number]);
          const { mean, variance } = tf.moments(x);
          const y = tf.clipByValue(tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.add(tf.sqrt(variance), 1e-5)), 0.1), 0.5), 0, 1);
          return { shape: y.shape, values: y.dataSync() };
        }),
      tolerance: 1e-4,
      hint: '표준편차는 분산(tf.moments의 variance)의 제곱근입니다(원소 수 n으로 나눔). 0.1을 곱하고 0.5를 더한 뒤 clipByValue(0, 1).',
    }),
  ],
});

import { call, defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck, toNumeric, type Numeric } from '../../../graders/checks.ts';

/**
 * Document 000, 5.2: two generators, one that augments the training images and one that only
 * rescales the validation and test images ("validation data must not be augmented"). The learner's
 * flow(images, labels, split, seed) is both: it returns [xs, ys] like a generator's
 * (data_batch, labels_batch). Random output is checked by properties.
 *
 * The test batch makes order checkable under any affine move: image i's pixels all lie in its own
 * band [0.1·(i+1), 0.1·(i+1) + 0.08]. Bilinear interpolation and 'nearest' fill only mix pixels of
 * the same image, so an augmented image stays in its band; one that lands in another band came from
 * another image (the labels no longer fit), and one that leaves every band was filled with zeros.
 */
const SIZE = 28;
const COUNT = 8;
const BAND = 0.08;
const base = (i: number) => 0.1 * (i + 1);

function testImages(): Numeric {
  const values: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    // An off-centre blob over a ramp: asymmetric, so any move or flip changes the pixels.
    const bx = 6 + 2 * i;
    const by = i % 2 === 0 ? 8 : 19;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const blob = (x - bx) ** 2 + (y - by) ** 2 <= 25 ? 0.5 : 0;
        const pattern = blob + (0.5 * x) / (SIZE - 1);
        values.push(Math.round((base(i) + BAND * pattern) * 1000) / 1000);
      }
    }
  }
  return { shape: [COUNT, SIZE, SIZE, 1], values: Float64Array.from(values) };
}

const images = testImages();
const labels = [0, 1, 1, 0, 1, 0, 0, 1];
const args = (split: string, seed: number) => [{ $tensor: { shape: images.shape, values: Array.from(images.values) } }, { $tensor: { shape: [COUNT], values: labels } }, split, seed];

const CALLS = {
  train: call('flow#train', 'flow', args('train', 1)),
  again: call('flow#train-again', 'flow', args('train', 1)),
  otherSeed: call('flow#train-other-seed', 'flow', args('train', 2)),
  validation: call('flow#validation', 'flow', args('validation', 1)),
  test: call('flow#test', 'flow', args('test', 1)),
};

interface Batch {
  xs: Numeric;
  ys: Numeric;
}

/** The learner's [xs, ys] for `made`, or what is wrong with its form. */
function batchOf(context: GradingContext, made: { key: string }): Batch | { message: string } {
  const value = context.values?.[made.key];
  if (!Array.isArray(value) || value.length !== 2) return { message: 'flow()가 [이미지, 레이블] 두 텐서의 배열을 반환하지 않았습니다.' };
  const xs = toNumeric(value[0]);
  const ys = toNumeric(value[1]);
  if (!xs || !ys) return { message: 'flow()가 반환한 [이미지, 레이블]이 텐서가 아닙니다.' };
  if (JSON.stringify(xs.shape) !== JSON.stringify(images.shape)) return { message: `이미지 배치의 모양이 [${xs.shape.join(', ')}]입니다. 입력과 같은 [${images.shape.join(', ')}]이어야 합니다.` };
  if (JSON.stringify(ys.shape) !== JSON.stringify([COUNT])) return { message: `레이블 배치의 모양이 [${ys.shape.join(', ')}]입니다. 입력과 같은 [${COUNT}]이어야 합니다.` };
  return { xs, ys };
}

const PIXELS = SIZE * SIZE;
const image = (t: Numeric, i: number) => t.values.subarray(i * PIXELS, (i + 1) * PIXELS);
const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, p) => Math.max(m, Math.abs(v - b[p]!)), 0);
interface Failure {
  passed: false;
  message: string;
  hint?: string;
}
const failed = (message: string, hint?: string): Failure => ({ passed: false, message, ...(hint ? { hint } : {}) });
const SPLIT_NAMES = { train: "'train'", validation: "'validation'", test: "'test'" } as const;

/** The first of `made`'s batches that is malformed, as a failure; otherwise the batches. */
function batches(context: GradingContext, made: { key: string }[]): Batch[] | Failure {
  const out: Batch[] = [];
  for (const m of made) {
    const b = batchOf(context, m);
    if ('message' in b) return failed(b.message);
    out.push(b);
  }
  return out;
}

export default defineGrader({
  checks: [
    customCheck(
      'flow.shape',
      '배치의 모양',
      (context) => {
        const all = batches(context, [CALLS.train, CALLS.validation, CALLS.test]);
        return Array.isArray(all) ? { passed: true, message: `세 분할 모두 [이미지 ${images.shape.join('×')}, 레이블 ${COUNT}개]를 반환합니다.` } : all;
      },
      { calls: [CALLS.train, CALLS.validation, CALLS.test] },
    ),
    customCheck(
      'flow.validation-unchanged',
      '검증·테스트 배치는 증식하지 않음',
      (context) => {
        const all = batches(context, [CALLS.validation, CALLS.test]);
        if (!Array.isArray(all)) return all;
        for (const [k, split] of (['validation', 'test'] as const).entries()) {
          const diff = maxDiff(all[k]!.xs.values, images.values);
          if (diff > 1e-5) {
            return failed(
              `${SPLIT_NAMES[split]} 배치의 이미지가 입력과 최대 ${diff.toFixed(3)}만큼 다릅니다. 검증·테스트 데이터는 증식하면 안 됩니다.`,
              "문서의 test_datagen처럼, split이 'train'이 아니면 이미지를 그대로 돌려주세요. 증식한 검증 이미지로 재면 모델이 실제로 만날 이미지의 성능을 알 수 없습니다.",
            );
          }
        }
        return { passed: true, message: '검증과 테스트 배치의 이미지가 입력 그대로입니다.' };
      },
      { calls: [CALLS.validation, CALLS.test] },
    ),
    customCheck(
      'flow.train-changes',
      '훈련 배치는 증식함',
      (context) => {
        const all = batches(context, [CALLS.train]);
        if (!Array.isArray(all)) return all;
        const same = Array.from({ length: COUNT }, (_, i) => maxDiff(image(all[0]!.xs, i), image(images, i)) <= 0.01).filter(Boolean).length;
        return same === 0
          ? { passed: true, message: `훈련 배치의 이미지 ${COUNT}장이 모두 무작위로 변환되었습니다.` }
          : failed(`훈련 배치의 이미지 ${COUNT}장 중 ${same}장이 입력 그대로입니다.`, "split이 'train'일 때 augment(images, TRAIN_OPTIONS, seed)로 변환하세요.");
      },
      { calls: [CALLS.train] },
    ),
    customCheck(
      'flow.labels',
      '레이블은 그대로',
      (context) => {
        const all = batches(context, [CALLS.train, CALLS.validation, CALLS.test]);
        if (!Array.isArray(all)) return all;
        for (const [k, split] of (['train', 'validation', 'test'] as const).entries()) {
          const got = Array.from(all[k]!.ys.values);
          if (got.some((v, i) => Math.abs(v - labels[i]!) > 1e-6)) {
            return failed(
              `${SPLIT_NAMES[split]} 배치의 레이블이 [${got.join(', ')}]입니다. 입력 [${labels.join(', ')}]과 같아야 합니다.`,
              '증식은 이미지만 바꿉니다. 레이블은 순서도 값도 그대로 돌려주세요(섞는 일은 fit이 합니다).',
            );
          }
        }
        return { passed: true, message: '세 분할 모두 레이블이 입력과 같은 순서, 같은 값입니다.' };
      },
      { calls: [CALLS.train, CALLS.validation, CALLS.test] },
    ),
    customCheck(
      'flow.order',
      '증식한 이미지가 자기 레이블과 짝을 유지함',
      (context) => {
        const all = batches(context, [CALLS.train]);
        if (!Array.isArray(all)) return all;
        for (let i = 0; i < COUNT; i++) {
          const pixels = Array.from(image(all[0]!.xs, i)).sort((a, b) => a - b);
          const median = pixels[PIXELS >> 1]!;
          const from = Math.round((median - BAND / 2) / 0.1) - 1;
          if (from !== i) {
            return failed(
              from >= 0 && from < COUNT ? `훈련 배치의 ${i + 1}번째 이미지가 ${from + 1}번째 입력에서 나왔습니다. 이미지 순서가 바뀌면 레이블이 맞지 않습니다.` : `훈련 배치의 ${i + 1}번째 이미지가 어느 입력에서 나왔는지 알 수 없을 만큼 값이 바뀌었습니다.`,
              '이미지를 섞지 말고, i번째 입력으로 i번째 결과를 만드세요.',
            );
          }
          const low = pixels[0]!;
          const high = pixels[PIXELS - 1]!;
          if (low < base(i) - 1e-4 || high > base(i) + BAND + 1e-4) {
            return failed(`훈련 배치의 ${i + 1}번째 이미지에 원본에 없던 값(${low.toFixed(3)}~${high.toFixed(3)})이 생겼습니다.`, "빈 곳은 0이 아니라 가장자리 값으로 채우세요(fill_mode='nearest').");
          }
        }
        return { passed: true, message: '증식한 이미지마다 자기 입력에서 나와, 레이블과의 짝이 그대로입니다.' };
      },
      { calls: [CALLS.train] },
    ),
    customCheck(
      'flow.seeded',
      '시드가 같으면 같은 배치, 다르면 다른 배치',
      (context) => {
        const all = batches(context, [CALLS.train, CALLS.again, CALLS.otherSeed]);
        if (!Array.isArray(all)) return all;
        const [first, again, other] = all as [Batch, Batch, Batch];
        if (maxDiff(first.xs.values, again.xs.values) > 1e-5) return failed('같은 시드로 두 번 불렀는데 훈련 배치가 다릅니다.', 'Math.random 대신 seed를 augment()에 넘기세요.');
        if (maxDiff(first.xs.values, other.xs.values) < 1e-3) {
          return failed('시드를 바꿔도 훈련 배치가 같습니다. 에포크마다 같은 변환만 보면 증식의 의미가 없습니다.', 'seed 인자를 그대로 augment()에 넘기고, 학습할 때는 에포크마다 다른 시드로 부르세요.');
        }
        return { passed: true, message: '같은 시드는 같은 훈련 배치를, 다른 시드는 다른 훈련 배치를 냅니다.' };
      },
      { calls: [CALLS.train, CALLS.again, CALLS.otherSeed] },
    ),
  ],
});

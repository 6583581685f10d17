import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck, toPlainTensor, type PlainTensor } from '../../../graders/checks.ts';

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
function testImages(count: number): PlainTensor {
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
  return { shape: [count, SIZE, SIZE, 1], values };
}

const DOCUMENT = { rotation: 10, zoom: 0.1, shear: 0.5, widthShift: 0.1, heightShift: 0.1, horizontalFlip: true };
const NOTHING = { rotation: 0, zoom: 0, shear: 0, widthShift: 0, heightShift: 0, horizontalFlip: false };
const FLIP_ONLY = { ...NOTHING, horizontalFlip: true };
const batch = testImages(8);
const flipBatch = testImages(16);
const asArg = (t: PlainTensor) => ({ $tensor: t });

const PIXELS = SIZE * SIZE;
const image = (t: PlainTensor, i: number) => t.values.slice(i * PIXELS, (i + 1) * PIXELS);
const mirror = (pixels: number[]) => pixels.map((_, p) => pixels[Math.floor(p / SIZE) * SIZE + (SIZE - 1 - (p % SIZE))]!);
const meanSquare = (a: number[], b: number[]) => a.reduce((sum, v, p) => sum + (v - b[p]!) ** 2, 0) / a.length;
/** 4×4 mean pooling (28×28 → 7×7): what an image shows, with a few pixels of shift averaged out. */
const coarse = (pixels: number[]) =>
  Array.from({ length: 49 }, (_, c) => {
    let sum = 0;
    for (let p = 0; p < 16; p++) sum += pixels[(Math.floor(c / 7) * 4 + Math.floor(p / 4)) * SIZE + (c % 7) * 4 + (p % 4)]!;
    return sum / 16;
  });
const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, p) => Math.max(m, Math.abs(v - b[p]!)), 0);

/** The learner's result for `key`, if it is a tensor of the input's shape; otherwise the failure to report. */
function result(context: GradingContext, key: string, like: PlainTensor): PlainTensor | { message: string } {
  const t = toPlainTensor(context.values?.[key]);
  if (!t) return { message: 'augment()가 텐서를 반환하지 않았습니다.' };
  if (JSON.stringify(t.shape) !== JSON.stringify(like.shape)) return { message: `augment()의 결과 모양이 [${t.shape.join(', ')}]입니다. 입력과 같은 [${like.shape.join(', ')}]이어야 합니다.` };
  return t;
}

const failed = (message: string, hint?: string) => ({ passed: false, message, ...(hint ? { hint } : {}) });

export default defineGrader({
  calls: [
    { name: 'augment', args: [asArg(batch), DOCUMENT, 1], key: 'augment#document' },
    { name: 'augment', args: [asArg(batch), DOCUMENT, 1], key: 'augment#again' },
    { name: 'augment', args: [asArg(batch), DOCUMENT, 2], key: 'augment#other-seed' },
    { name: 'augment', args: [asArg(batch), NOTHING, 1], key: 'augment#nothing' },
    { name: 'augment', args: [asArg(flipBatch), FLIP_ONLY, 3], key: 'augment#flip-only' },
  ],
  checks: [
    customCheck('augment.shape-range', '모양과 값의 범위 유지', (context) => {
      const out = result(context, 'augment#document', batch);
      if ('message' in out) return failed(out.message);
      const low = Math.min(...out.values);
      const high = Math.max(...out.values);
      return low >= -1e-6 && high <= 1 + 1e-6
        ? { passed: true, message: `결과가 입력과 같은 [${out.shape.join(', ')}] 모양이고 값이 0~1 안에 있습니다.` }
        : failed(`결과 값의 범위가 ${low.toFixed(3)}~${high.toFixed(3)}입니다. 입력처럼 0~1 안에 있어야 합니다.`, "빈 곳은 0 대신 가장자리 값으로 채우고(fillMode 'nearest'), 값을 새로 만들지 마세요.");
    }),
    customCheck('augment.changes', '이미지가 실제로 바뀜', (context) => {
      const out = result(context, 'augment#document', batch);
      if ('message' in out) return failed(out.message);
      const changed = Array.from({ length: 8 }, (_, i) => maxDiff(image(out, i), image(batch, i)) > 0.05).filter(Boolean).length;
      return changed === 8
        ? { passed: true, message: '문서 001의 설정으로 이미지 8장이 모두 바뀌었습니다.' }
        : failed(`문서 001의 설정인데 이미지 8장 중 ${8 - changed}장이 그대로입니다.`, '회전·확대·기울임·이동을 변환 행렬에 모두 넣었는지 확인하세요.');
    }),
    customCheck('augment.order', '순서 유지 (레이블이 그대로 맞음)', (context) => {
      const out = result(context, 'augment#document', batch);
      if ('message' in out) return failed(out.message);
      // Each output must still look most like its own source (or that source's mirror), so labels stay valid.
      const sources = [...Array(8).keys()].map((j) => [coarse(image(batch, j)), coarse(mirror(image(batch, j)))] as const);
      for (let i = 0; i < 8; i++) {
        const seen = coarse(image(out, i));
        const distance = (j: number) => Math.min(meanSquare(seen, sources[j]![0]), meanSquare(seen, sources[j]![1]));
        const nearest = [...Array(8).keys()].reduce((best, j) => (distance(j) < distance(best) ? j : best), 0);
        if (nearest !== i) return failed(`${i + 1}번째 결과가 ${nearest + 1}번째 입력에 더 가깝습니다. 이미지 순서가 바뀌면 레이블이 맞지 않습니다.`, '이미지를 섞지 말고, i번째 입력으로 i번째 결과를 만드세요.');
      }
      return { passed: true, message: '결과마다 자기 원본과 가장 닮아 레이블이 그대로 맞습니다.' };
    }),
    customCheck('augment.seeded', '시드가 같으면 같은 결과', (context) => {
      const a = result(context, 'augment#document', batch);
      const b = result(context, 'augment#again', batch);
      const c = result(context, 'augment#other-seed', batch);
      for (const r of [a, b, c]) if ('message' in r) return failed(r.message);
      const [first, again, other] = [a, b, c] as PlainTensor[];
      if (maxDiff(first!.values, again!.values) > 1e-5) return failed('같은 시드로 두 번 불렀는데 결과가 다릅니다.', 'Math.random 대신 seed로 시작하는 난수 생성기를 쓰세요.');
      if (maxDiff(first!.values, other!.values) < 1e-3) return failed('시드를 바꿔도 결과가 같습니다.', '난수 생성기를 seed로 초기화하세요.');
      return { passed: true, message: '같은 시드는 같은 결과를, 다른 시드는 다른 결과를 냅니다.' };
    }),
    customCheck('augment.identity', '모든 값이 0이면 그대로', (context) => {
      const out = result(context, 'augment#nothing', batch);
      if ('message' in out) return failed(out.message);
      const diff = maxDiff(out.values, batch.values);
      return diff <= 1e-4
        ? { passed: true, message: '변환 범위가 모두 0이면 입력이 그대로 나옵니다.' }
        : failed(`변환 범위가 모두 0인데 결과가 입력과 최대 ${diff.toFixed(3)}만큼 다릅니다.`, '범위 0에서 행렬이 항등 변환 [1, 0, 0, 0, 1, 0, 0, 0]이 되는지 확인하세요.');
    }),
    customCheck('augment.flip', '좌우 반전만 켜면 원본 또는 flipLeftRight', (context) => {
      const out = result(context, 'augment#flip-only', flipBatch);
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
    }),
  ],
});

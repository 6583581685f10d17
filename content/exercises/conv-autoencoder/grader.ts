import { defineGrader, type GradingContext } from '../../../graders/types.ts';
import { customCheck, expectLayers, expectParams, layerLabel } from '../../../graders/checks.ts';
import { formatShape } from '../../../src/runtime/model-summary.ts';

/**
 * Document 002 8.2, building blocks: a convolutional autoencoder, whose encoder shrinks the
 * feature maps and whose decoder grows them back, symmetric, so the output has the input's shape.
 * Besides the layer table, two checks stand on their own: the output has the input's shape, and
 * the ladder of spatial sizes through the net (28 → 14 → 7 → 14 → 28) reads the same both ways.
 * A net with other filter counts but the same ladder passes those two; one whose decoder grows
 * the maps only once does not.
 */

type Size = [height: number, width: number];
interface Rung {
  size: Size;
  /** Where this size begins: '입력' or the layer that produced it ("1번째 UpSampling2D"). */
  where: string;
}

const sizeText = ([h, w]: Size) => `${h}×${w}`;
const NO_MODEL = { passed: false, message: '채점할 모델이 없습니다. buildModel()이 모델을 반환하는지 확인하세요.', expected: '모델', actual: '없음' };

/** The model's input shape and the shape it outputs, batch as null. */
function inputAndOutput(context: GradingContext): { input: (number | null)[]; output: (number | null)[] } | undefined {
  const model = context.model;
  const rows = context.summary?.rows;
  if (!model || !rows || rows.length === 0) return undefined;
  const output = rows[rows.length - 1]!.outputShape;
  if (Array.isArray(output[0])) return undefined;
  return { input: [...model.inputs[0]!.shape], output: output as (number | null)[] };
}

/**
 * The spatial sizes through the net, consecutive repeats merged: a convolution with 'same'
 * padding keeps the size, so only pooling and upsampling make a new rung. Undefined where a layer
 * outputs something that is not a feature map (Flatten, Dense), with that layer's label.
 */
function ladder(context: GradingContext): { rungs: Rung[] } | { notMap: string; shape: string } | undefined {
  const io = inputAndOutput(context);
  const rows = context.summary?.rows;
  if (!io || !rows) return undefined;
  const [, h, w] = io.input;
  const rungs: Rung[] = [{ size: [h ?? 0, w ?? 0], where: '입력' }];
  for (let i = 0; i < rows.length; i++) {
    const shape = rows[i]!.outputShape;
    if (Array.isArray(shape[0]) || shape.length !== 4) return { notMap: layerLabel(rows, i), shape: formatShape(shape) };
    const size: Size = [shape[1] as number, shape[2] as number];
    const last = rungs[rungs.length - 1]!.size;
    if (size[0] !== last[0] || size[1] !== last[1]) rungs.push({ size, where: layerLabel(rows, i) });
  }
  return { rungs };
}

const sameSize = (a: Size, b: Size) => a[0] === b[0] && a[1] === b[1];
const smaller = (a: Size, b: Size) => a[0] <= b[0] && a[1] <= b[1] && !sameSize(a, b);

export default defineGrader({
  checks: [
    expectLayers([
      // encoder
      { className: 'Conv2D', outputShape: [null, 28, 28, 16], params: 160, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 14, 14, 16], config: { poolSize: 2 } },
      { className: 'Conv2D', outputShape: [null, 14, 14, 8], params: 1_160, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'MaxPooling2D', outputShape: [null, 7, 7, 8], config: { poolSize: 2 } },
      // decoder
      { className: 'Conv2D', outputShape: [null, 7, 7, 8], params: 584, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'UpSampling2D', outputShape: [null, 14, 14, 8], config: { size: [2, 2] } },
      { className: 'Conv2D', outputShape: [null, 14, 14, 16], params: 1_168, config: { kernelSize: 3, padding: 'same', activation: 'relu' } },
      { className: 'UpSampling2D', outputShape: [null, 28, 28, 16], config: { size: [2, 2] } },
      { className: 'Conv2D', outputShape: [null, 28, 28, 1], params: 145, config: { kernelSize: 3, padding: 'same', activation: 'sigmoid' } },
    ]),
    expectParams({ total: 3_217, trainable: 3_217, nonTrainable: 0 }),
    customCheck(
      'shape.output',
      '출력 모양 = 입력 모양',
      (context) => {
        const io = inputAndOutput(context);
        if (!io) return NO_MODEL;
        const { input, output } = io;
        const expected = formatShape(input);
        const actual = formatShape(output);
        if (expected === actual) return { passed: true, message: `출력 ${actual}이(가) 입력과 같은 모양입니다.`, expected, actual };
        const spatialSame = output.length === 4 && output[1] === input[1] && output[2] === input[2];
        return {
          passed: false,
          message: `출력 ${actual} — 입력 ${expected}과(와) 같은 모양이어야 합니다. 오토인코더는 입력 영상을 그대로 복원합니다.`,
          expected,
          actual,
          hint: spatialSame
            ? `크기는 맞고 채널 수가 다릅니다. 마지막 Conv2D의 filters를 입력 채널 수(${input[3]})로 하세요.`
            : '디코더가 인코더가 줄인 만큼 다시 키우는지(풀링 수 = 업샘플링 수), 마지막 층이 특징 맵(4차원)을 내는지 확인하세요.',
        };
      },
      { needs: 'structure' },
    ),
    customCheck(
      'symmetry.sizes',
      '인코더와 디코더의 크기 대칭',
      (context) => {
        const result = ladder(context);
        if (!result) return NO_MODEL;
        if ('notMap' in result) {
          return {
            passed: false,
            message: `${result.notMap}의 출력 ${result.shape}은(는) 특징 맵이 아닙니다. 오토인코더는 끝까지 (높이, 너비, 채널) 모양의 특징 맵을 다룹니다.`,
            expected: '모든 층의 출력이 (None, 높이, 너비, 채널)',
            actual: result.shape,
            hint: 'Flatten과 Dense 없이 합성곱, 풀링, 업샘플링 층만 쓰세요.',
          };
        }
        const { rungs } = result;
        const n = rungs.length;
        const path = rungs.map((r) => `${sizeText(r.size)}(${r.where})`).join(' → ');
        const actual = rungs.map((r) => sizeText(r.size)).join(' → ');
        const expected = '줄었다가 같은 단계를 거꾸로 밟아 다시 커지는 크기 (예: 28×28 → 14×14 → 7×7 → 14×14 → 28×28)';
        const area = (r: Rung) => r.size[0] * r.size[1];
        const steps = rungs.slice(1).map((r, i) => area(r) - area(rungs[i]!));
        const shrinks = steps.filter((d) => d < 0).length;
        const grows = steps.filter((d) => d > 0).length;
        if (n === 1) {
          return { passed: false, message: `특징 맵의 크기가 ${actual}에서 변하지 않습니다. 인코더가 특징 맵을 줄이고 디코더가 다시 키워야 합니다.`, expected, actual, hint: '인코더에 풀링 층을, 디코더에 같은 수의 업샘플링 층을 두세요.' };
        }
        if (grows === 0) {
          return {
            passed: false,
            message: `디코더가 특징 맵을 다시 키우지 않습니다. 크기 변화: ${path}.`,
            expected,
            actual,
            hint: `인코더가 ${shrinks}번 줄인 특징 맵을 디코더에서 업샘플링 ${shrinks}번으로 되돌리세요.`,
          };
        }
        if (shrinks === 0) {
          return { passed: false, message: `인코더가 특징 맵을 줄이지 않습니다. 크기 변화: ${path}.`, expected, actual, hint: '인코더에는 풀링(줄이기)을, 디코더에는 같은 수의 업샘플링(키우기)을 두세요.' };
        }
        for (let k = 0; k < Math.floor(n / 2); k++) {
          const encoder = rungs[k]!;
          const decoder = rungs[n - 1 - k]!;
          if (!sameSize(encoder.size, decoder.size)) {
            return {
              passed: false,
              message: `크기 변화가 대칭이 아닙니다: ${path}. 인코더 쪽 ${sizeText(encoder.size)}(${encoder.where})의 짝인 디코더 쪽 단계가 ${sizeText(decoder.size)}(${decoder.where})입니다.`,
              expected,
              actual,
              hint:
                shrinks !== grows
                  ? `인코더는 특징 맵을 ${shrinks}번 줄이는데 디코더는 ${grows}번 키웁니다. 같은 횟수여야 합니다.`
                  : '디코더의 각 단계가 인코더의 단계를 거꾸로 밟도록, 업샘플링 배율을 풀링 크기와 맞추세요.',
            };
          }
        }
        // A palindrome of distinct neighbours has an odd length; its middle is the smallest map.
        const middle = (n - 1) / 2;
        for (let k = 0; k < middle; k++) {
          if (!smaller(rungs[k + 1]!.size, rungs[k]!.size)) {
            return {
              passed: false,
              message: `인코더가 ${rungs[k + 1]!.where}에서 특징 맵을 ${sizeText(rungs[k]!.size)}에서 ${sizeText(rungs[k + 1]!.size)}(으)로 키웁니다. 크기 변화: ${path}. 인코더는 가운데까지 특징 맵을 점점 줄여야 합니다.`,
              expected,
              actual,
              hint: '인코더에는 풀링(줄이기)만, 디코더에는 업샘플링(키우기)만 두세요.',
            };
          }
        }
        return { passed: true, message: `크기 변화 ${actual}: 가운데(${sizeText(rungs[middle]!.size)})를 중심으로 대칭입니다.`, expected, actual };
      },
      { needs: 'structure' },
    ),
  ],
});

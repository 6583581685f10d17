import { defineGrader } from '../../../graders/types.ts';
import { expectValues } from '../../../graders/checks.ts';
import { fashionCnnTopology } from '../../../graders/reference-models.ts';
import { modelFromTopology } from '../../../src/runtime/model-artifacts.ts';

/**
 * Document 003, 8-3: the first conv layer's weights (3×3×1×32), their mean and standard deviation,
 * and their histogram. The model is document 003's, built from a seeded topology on both sides.
 */
const model = fashionCnnTopology();
const BINS = 10;

/** The first conv layer's kernel of the reference model, built as the runner builds it, then disposed. */
async function kernel(): Promise<{ shape: number[]; values: Float32Array }> {
  const reference = await modelFromTopology(model);
  try {
    const tensor = reference.layers[0]!.getWeights()[0]!;
    return { shape: tensor.shape, values: (await tensor.data()) as Float32Array };
  } finally {
    reference.dispose();
  }
}
const modelArg = { $model: model };

export default defineGrader({
  checks: [
    expectValues({
      id: 'kernel.values',
      title: '첫 번째 합성곱 층의 커널 (3, 3, 1, 32)',
      call: { name: 'firstKernel', args: [modelArg] },
      expected: kernel,
      tolerance: 1e-6,
      hint: 'getWeights()의 첫 번째가 커널, 두 번째가 절편(모양 [32])입니다.',
    }),
    expectValues({
      id: 'kernel.stats',
      title: '커널의 [평균, 표준편차]',
      call: { name: 'kernelStats', args: [modelArg] },
      expected: async () => {
        const { values } = await kernel();
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        return [mean, Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length)];
      },
      tolerance: 1e-5,
      hint: '표준편차는 편차 제곱의 평균(n으로 나눔)의 제곱근입니다.',
    }),
    expectValues({
      id: 'kernel.histogram',
      title: `커널 값의 히스토그램 (${BINS}개 구간)`,
      call: { name: 'kernelHistogram', args: [modelArg, BINS] },
      expected: async () => {
        const { values } = await kernel();
        const min = Math.min(...values);
        const max = Math.max(...values);
        const counts = new Array<number>(BINS).fill(0);
        for (const v of values) counts[Math.min(Math.floor(((v - min) / (max - min)) * BINS), BINS - 1)]! += 1;
        return counts;
      },
      tolerance: 0,
      hint: '구간은 최솟값에서 최댓값까지 같은 너비로 나누고, 최댓값은 마지막 구간에 셉니다.',
    }),
  ],
});

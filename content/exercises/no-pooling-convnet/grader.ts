import * as tfl from '@tensorflow/tfjs-layers';
import { expectLayers, expectParams, expectValues } from '../../../graders/checks.ts';
import { call, defineGrader, type Check, type CheckResult } from '../../../graders/types.ts';
import { summarizeModel } from '../../../src/runtime/model-summary.ts';
import { returnedModel } from '../vgg-inception-blocks/grader.ts';

/**
 * Document 000, 5.1.2: the first convnet without its pooling layers (`model_no_max_pool`), graded
 * by the summary the document prints (26×26×32 → 24×24×64 → 22×22×64, 55,744 parameters), and
 * what flattening that last map into a Dense(512) would cost. The document says "15800개"; the
 * real count is 22·22·64·512 + 512 = 15,860,224. The grader never takes either figure on trust:
 * each expected Dense count below comes from a Flatten → Dense model TF.js builds and counts.
 *
 * The learner returns the model from a function (a values exercise), so it crosses as topology
 * only; the grader rebuilds it and runs the ordinary layer and parameter checks on it. The Dense
 * count is a function of the learner's, not a 15.9-million-parameter model: building one in the
 * learner's worker and shipping its weights would cost 63 MB for one number.
 */

const NO_MAX_POOL_LAYERS = [
  { className: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320, config: { filters: 32, kernelSize: 3, padding: 'valid', activation: 'relu' } },
  { className: 'Conv2D', outputShape: [null, 24, 24, 64], params: 18_496, config: { filters: 64, kernelSize: 3, padding: 'valid', activation: 'relu' } },
  { className: 'Conv2D', outputShape: [null, 22, 22, 64], params: 36_928, config: { filters: 64, kernelSize: 3, padding: 'valid', activation: 'relu' } },
];

/**
 * The ordinary structure checks, run on the model a learner function returned. Their result ids
 * (`layers.sequence`, `layer.N.outputShape`, `params.total`, …) are those of a model exercise.
 */
function returnedModelChecks(name: string, inner: readonly Check[]): Check {
  const learnerCall = call('model', name, []);
  return {
    id: 'model',
    title: `${name}()이(가) 만든 모델`,
    needs: 'result',
    calls: [learnerCall],
    reports: (resultId) => inner.some((c) => c.reports(resultId)),
    async run(context) {
      const built = await returnedModel(context, learnerCall.key, name);
      if (typeof built === 'string') {
        return [{ id: 'layers.sequence', title: '층의 순서', passed: false, message: built, expected: 'Conv2D → Conv2D → Conv2D', actual: '모델 없음' }];
      }
      try {
        const withModel = { ...context, model: built, summary: summarizeModel(built) };
        const results: CheckResult[] = [];
        for (const check of inner) results.push(...(await check.run(withModel)));
        return results;
      } finally {
        built.dispose();
      }
    },
  };
}

/**
 * Parameters of a Dense(units) layer fed by a flattened (h, w, c) map, as TF.js counts them. Zero
 * initializers: the document's case allocates 15.9 million weights, and filling zeros is the
 * cheapest way to let TF.js build (and count) them.
 */
function builtDenseParams([h, w, c]: [number, number, number], units: number): number {
  const model = tfl.sequential({
    layers: [tfl.layers.flatten({ inputShape: [h, w, c] }), tfl.layers.dense({ units, kernelInitializer: 'zeros', biasInitializer: 'zeros' })],
  });
  const count = model.countParams();
  model.dispose();
  return count;
}

const DENSE_CASES: { id: string; title: string; shape: [number, number, number]; units: number; hint: string }[] = [
  {
    id: 'dense.document',
    title: '22×22×64를 펼쳐 Dense(512)에 연결 (문서 000의 5.1.2절, 문서는 “15800개”라고 씀)',
    shape: [22, 22, 64],
    units: 512,
    hint: 'Flatten이 내는 값은 22 × 22 × 64 = 30,976개입니다. Dense 층은 입력 하나마다 units개의 가중치를 두고, 뉴런마다 절편을 하나 더 둡니다. 문서의 15800개는 틀린 값입니다.',
  },
  {
    id: 'dense.first-convnet',
    title: '3×3×64를 펼쳐 Dense(64)에 연결 (문서 000의 첫 컨브넷: 요약표의 36,928)',
    shape: [3, 3, 64],
    units: 64,
    hint: '풀링이 있는 첫 컨브넷에서는 Flatten이 3 × 3 × 64 = 576개를 내고, Dense(64)의 파라미터는 576 · 64 + 64입니다.',
  },
  {
    id: 'dense.rectangle',
    title: '5×3×7을 펼쳐 Dense(10)에 연결 (채점기가 직접 만들어 셈)',
    shape: [5, 3, 7],
    units: 10,
    hint: '높이, 너비, 채널을 모두 곱한 값이 Flatten의 출력 크기입니다. 높이와 너비가 다를 수 있습니다.',
  },
];

export default defineGrader({
  checks: [
    returnedModelChecks('buildNoMaxPool', [expectLayers(NO_MAX_POOL_LAYERS), expectParams({ total: 55_744, trainable: 55_744, nonTrainable: 0 })]),
    ...DENSE_CASES.map((c) =>
      expectValues({
        id: c.id,
        title: c.title,
        call: { name: 'denseParams', args: [c.shape, c.units] },
        expected: () => builtDenseParams(c.shape, c.units),
        tolerance: 0,
        hint: c.hint,
      }),
    ),
  ],
});


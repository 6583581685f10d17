import type { LayersModel } from '@tensorflow/tfjs-layers';
import { customCheck, expectLayers, expectParams } from '../../../graders/checks.ts';
import { defineGrader } from '../../../graders/types.ts';
import { FROZEN_BASE_WITH_HEAD, tshirtShirtAccuracy } from '../feature-extraction/grader.ts';

/**
 * Document 000, 5.3 (fine-tuning, five steps): the classifier trained on the frozen base first,
 * then the base's last block unfrozen from its first convolution (the document's block5_conv1;
 * course-vgg's last block is block4) and trained with the classifier at a low learning rate.
 * Unlike backbone-fine-tune (listing 8-7, every layer trained from the start), the first three
 * blocks stay frozen. The grader sees the model as built and, after training, as it was fine-tuned,
 * so the structure checks leave out which layers train; `fineTune.unfrozen` checks that at the end.
 */
const UNFROZEN = ['block4_conv1', 'block4_conv2'];
const fmt = (n: number) => n.toLocaleString('en-US');

const unfrozenCheck = customCheck('fineTune.unfrozen', '미세 조정에서 동결을 푼 층', ({ model }) => {
  const base = model?.layers[0] as LayersModel | undefined;
  if (!model || !base || !Array.isArray((base as { layers?: unknown }).layers)) {
    return { passed: false, message: '모델의 첫 층이 합성곱 기반이 아닙니다.', expected: 'course-vgg', actual: model?.layers[0]?.getClassName() ?? '없음' };
  }
  const trainingLayers = base.layers.filter((l) => l.trainableWeights.length > 0).map((l) => l.name);
  const tensors = model.trainableWeights.length;
  const expected = `${UNFROZEN.join(', ')} (가중치 텐서 8개)`;
  const actual = `${trainingLayers.join(', ') || '없음'} (가중치 텐서 ${tensors}개)`;
  if (base.trainableWeights.length === 0) {
    return {
      passed: false,
      message: `학습이 끝난 모델에서 기반이 여전히 전부 동결되어 있습니다. 학습되는 가중치 텐서가 분류기의 ${tensors}개뿐이라 미세 조정이 일어나지 않았습니다.`,
      expected,
      actual,
      hint: '문서처럼 먼저 base.trainable = true로 기반을 풀어야 합니다. 기반이 동결된 채로 두면 그 안의 층에 trainable = true를 해도 학습되지 않습니다.',
    };
  }
  if (trainingLayers.join() !== UNFROZEN.join() || tensors !== 8) {
    return {
      passed: false,
      message: `기반에서 학습되는 층이 ${trainingLayers.join(', ')}입니다. 마지막 블록의 첫 합성곱(block4_conv1)부터, 즉 block4_conv1과 block4_conv2만 풀어야 합니다.`,
      expected,
      actual,
      hint: '하위 블록(1~3)은 색·질감처럼 일반적인 특성을 담아 그대로 두고, 특화된 특성을 담은 마지막 블록만 새 문제에 맞춥니다. 훈련할 파라미터가 많을수록 과대적합의 위험도 커집니다.',
    };
  }
  const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  return { passed: true, message: `기반의 ${UNFROZEN.join('과 ')}만 분류기와 함께 학습되었습니다 (가중치 텐서 8개, 파라미터 ${fmt(trainable)}개).`, expected, actual };
});

export default defineGrader({
  checks: [
    expectLayers(FROZEN_BASE_WITH_HEAD),
    expectParams({ total: 424_817 }),
    unfrozenCheck,
    tshirtShirtAccuracy(0.84, '분류기를 먼저 학습한 뒤(3단계) block4만 풀었는지, 미세 조정의 학습률이 낮은지(rmsprop 1e-4) 확인하세요. 학습률이 크면 사전 훈련된 특성이 망가집니다.'),
  ],
});

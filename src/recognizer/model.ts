/**
 * The TF.js half of the postcode recognizer page (listing 8-4's `load_model` and `model.predict`),
 * imported only when the learner first presses 인식, so the lesson page stays light. It runs in the
 * page's thread: one predict of five 28×28 images takes a few milliseconds.
 *
 * Two models:
 * - `mine`: what the learner saved in the `postcode-cnn` exercise with `saveModel(cnn, 'cnn_v2')`
 *   (the document's `cnn.save('cnn_v2.h5')`), read from IndexedDB through the course API's own store;
 * - `course`: the course's reference model `postcode-cnn` from the site's model store.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { savedModelArtifact } from '../runtime/course-api.ts';
import { modelFromArtifact } from '../runtime/model-artifacts.ts';
import { initBackend } from '../runtime/worker/backend.ts';
import { loadPretrainedModel } from '../pretrained/loader.ts';
import { POSTCODE_CNN } from '../pretrained/postcode-cnn.ts';
import { BOX_COUNT } from './canvas.ts';
import { DIGIT_SIZE } from './preprocess.ts';

export type ModelChoice = 'mine' | 'course';

/** The name listing 8-3's exercise saves its model under (`cnn.save('cnn_v2.h5')`). */
export const MY_MODEL_NAME = 'cnn_v2';

/** The learner has not saved `cnn_v2` in this browser. */
export class MissingModelError extends Error {
  override name = 'MissingModelError';
}

export interface Recognition {
  /** One row of ten probabilities per box. */
  probabilities: number[][];
  /** The model as the page names it. */
  label: string;
  backend: string;
  seconds: number;
}

let backend: Promise<string> | undefined;
let courseModel: Promise<LayersModel> | undefined;

const startBackend = () => (backend ??= initBackend('wasm', (text) => console.warn(text)).then((active) => active.name));

/** The model must read 28×28×1 images and give ten outputs, as listing 8-3's does. */
function checkShapes(model: LayersModel): void {
  const input = JSON.stringify(model.inputs[0]?.shape);
  const output = JSON.stringify(model.outputs[0]?.shape);
  if (input !== JSON.stringify([null, DIGIT_SIZE, DIGIT_SIZE, 1]) || output !== JSON.stringify([null, 10])) {
    throw new Error(`'${MY_MODEL_NAME}'으로 저장된 모델의 입력이 ${input}, 출력이 ${output}입니다. 이 인식기에는 입력 [null, 28, 28, 1], 출력 [null, 10]인 모델(목록 8-3)이 필요합니다.`);
  }
}

async function openModel(choice: ModelChoice, baseUrl: string): Promise<{ model: LayersModel; keep: boolean }> {
  if (choice === 'course') {
    courseModel ??= loadPretrainedModel(POSTCODE_CNN, {}, { baseUrl: `${baseUrl}models/` }).then(({ model }) => model);
    // A failed load is not kept, so 인식 can try again.
    return { model: await courseModel.catch((error: unknown) => ((courseModel = undefined), Promise.reject(error))), keep: true };
  }
  const artifact = await savedModelArtifact(MY_MODEL_NAME);
  if (!artifact) throw new MissingModelError(`저장된 모델 '${MY_MODEL_NAME}'이(가) 이 브라우저에 없습니다.`);
  // Read again at every recognition: the learner may have trained it again since.
  const model = await modelFromArtifact(artifact);
  checkShapes(model);
  return { model, keep: false };
}

/** `model.predict(numerals)` for the five boxes: `input` is the [5, 28, 28, 1] tensor's data, 0–1. */
export async function recognize(choice: ModelChoice, input: Float32Array, baseUrl: string): Promise<Recognition> {
  const started = performance.now();
  const backendName = await startBackend();
  const { model, keep } = await openModel(choice, baseUrl);
  try {
    const probabilities = tf.tidy(() => (model.predict(tf.tensor4d(input, [BOX_COUNT, DIGIT_SIZE, DIGIT_SIZE, 1])) as tf.Tensor2D).arraySync());
    return { probabilities, label: choice === 'course' ? POSTCODE_CNN : MY_MODEL_NAME, backend: backendName, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (!keep) model.dispose();
  }
}

/** Frees the course model (the page's 닫기). */
export function release(): void {
  const pending = courseModel;
  courseModel = undefined;
  void pending?.then((model) => model.dispose()).catch(() => {});
}

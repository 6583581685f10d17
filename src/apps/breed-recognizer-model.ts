/**
 * The TF.js half of the recognizer page, imported only when the learner presses 인식: starts the
 * backend the way the rest of the site does (WASM with the site's own .wasm files, CPU as the
 * fallback), opens the chosen model and runs one 28×28 image through it in the page's thread.
 *
 * Two models, as the document's program loads a model file and a class-name file:
 * - `course`: the course's pretrained `course-vgg` from the site (class names from its manifest), input 0–1;
 * - `mine`: what the learner saved in the previous lesson's exercise with `saveModel(model, 'tshirt-or-shirt')`
 *   (IndexedDB, read through the course API's own store), input range read from its first layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { savedModelArtifact } from '../runtime/course-api.ts';
import { modelFromArtifact } from '../runtime/model-artifacts.ts';
import { initBackend } from '../runtime/worker/backend.ts';
import { COURSE_VGG } from '../pretrained/course-vgg.ts';
import { loadPretrainedModel } from '../pretrained/loader.ts';
import { INPUT_SIZE, inputRangeOf, scaleForModel, type GrayImage, type InputRange } from './breed-recognizer.ts';

export type ModelChoice = 'course' | 'mine';

/** The name the fine-tuning exercise (content/exercises/backbone-fine-tune) saves its model under. */
export const MY_MODEL_NAME = 'tshirt-or-shirt';
/** Its two output classes, in the exercise's label order (티셔츠/탑 0, 셔츠 1). */
export const MY_MODEL_CLASSES = ['티셔츠/탑', '셔츠'] as const;

/** The learner has not saved the model the `mine` choice opens. */
export class MissingModelError extends Error {
  override name = 'MissingModelError';
}

interface OpenModel {
  model: LayersModel;
  classNames: string[];
  range: InputRange;
  label: string;
}

export interface Recognition {
  probabilities: Float32Array;
  classNames: string[];
  range: InputRange;
  /** The model as the page names it, e.g. `course-vgg`. */
  label: string;
  backend: string;
}

let backend: Promise<string> | undefined;
let courseModel: Promise<OpenModel> | undefined;

function startBackend(): Promise<string> {
  backend ??= initBackend('wasm', (text) => console.warn(text)).then((active) => active.name);
  return backend;
}

function layersOf(model: LayersModel) {
  return model.layers.map((layer) => ({ className: layer.getClassName(), config: layer.getConfig() as Record<string, unknown> }));
}

function checkInputShape(model: LayersModel, label: string): void {
  const shape = model.inputs[0]?.shape ?? [];
  const [, height, width, channels] = shape;
  if (shape.length !== 4 || height !== INPUT_SIZE || width !== INPUT_SIZE || channels !== 1) {
    throw new Error(`모델 '${label}'의 입력 모양이 [${shape.map((d) => d ?? 'null').join(', ')}]입니다. 이 페이지는 28×28×1 흑백 영상을 넣으므로 [null, 28, 28, 1]인 모델만 쓸 수 있습니다.`);
  }
}

async function openCourseModel(baseUrl: string): Promise<OpenModel> {
  const { model, manifest } = await loadPretrainedModel(COURSE_VGG, {}, { baseUrl: `${baseUrl}models/` });
  checkInputShape(model, COURSE_VGG);
  // course-vgg was pretrained on images in 0–1 (docs/pretrained.md); its manifest names the classes.
  return { model, classNames: (manifest?.classes ?? []).map((c) => c.ko), range: { max: 1, reason: 'course-vgg는 0~1 영상으로 학습했으므로 화소를 0~1로 나눠 넣습니다' }, label: COURSE_VGG };
}

async function openMyModel(): Promise<OpenModel> {
  const artifact = await savedModelArtifact(MY_MODEL_NAME);
  if (!artifact) throw new MissingModelError(MY_MODEL_NAME);
  const model = await modelFromArtifact(artifact);
  checkInputShape(model, MY_MODEL_NAME);
  return { model, classNames: [...MY_MODEL_CLASSES], range: inputRangeOf(layersOf(model)), label: MY_MODEL_NAME };
}

/** Runs the 28×28 input (0–255, light on black) through the chosen model: the document's `cnn.predict(x)[0]`. */
export async function recognize(choice: ModelChoice, input: GrayImage, baseUrl: string): Promise<Recognition> {
  const backendName = await startBackend();
  let open: OpenModel;
  if (choice === 'course') {
    courseModel ??= openCourseModel(baseUrl);
    open = await courseModel.catch((error: unknown) => {
      courseModel = undefined; // try again on the next press
      throw error;
    });
  } else {
    // Read again at every press: the learner may have trained and saved it again in another tab.
    open = await openMyModel();
  }
  try {
    const probabilities = tf.tidy(() => {
      const x = tf.tensor4d(scaleForModel(input, open.range.max), [1, INPUT_SIZE, INPUT_SIZE, 1]);
      return tf.reshape(open.model.predict(x) as tf.Tensor, [-1]);
    });
    const values = (await probabilities.data()) as Float32Array;
    probabilities.dispose();
    return { probabilities: values, classNames: open.classNames, range: open.range, label: open.label, backend: backendName };
  } finally {
    if (choice === 'mine') open.model.dispose();
  }
}

/** Frees the models, like the document's 나가기 ends the program. */
export async function closeModels(): Promise<void> {
  const open = courseModel;
  courseModel = undefined;
  if (open) (await open.catch(() => undefined))?.model.dispose();
}

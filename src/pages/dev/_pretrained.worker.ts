/**
 * Loads a pretrained model from the site as graders and learner code do (src/pretrained/loader.ts,
 * checksums and Cache Storage included) and reports what a test needs to compare with Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadDatasetBytes } from '../../data/loader.ts';
import { initBackend } from '../../runtime/worker/backend.ts';
import { COURSE_VGG_RECIPE } from '../../pretrained/course-vgg.ts';
import { decodeWithClasses, listPretrained, loadPretrainedModel, type DecodedPrediction, type PretrainedListing } from '../../pretrained/loader.ts';
import { PRETRAIN_LABELS, selectClasses, toTensors } from '../../pretrained/tasks.ts';
import { accuracy } from '../../pretrained/training.ts';

export interface PretrainedCheckRequest {
  name: string;
  baseUrl: string;
  /** Re-measure the manifest's accuracy on its fixed 1,000 test images (course models only). */
  measure: boolean;
}

export interface PretrainedCheck {
  backend: string;
  listed: PretrainedListing[];
  layers: string[];
  baseOutputShape: (number | null)[];
  trainableTensors: { full: number; base: number };
  /** The decoded top 3 of the first test image (course models only). */
  decoded?: DecodedPrediction[];
  measured?: { accuracy: number; recorded: number; count: number };
}

let backend: Promise<{ name: string }> | undefined;

self.onmessage = async ({ data: request }: MessageEvent<PretrainedCheckRequest>) => {
  try {
    backend ??= initBackend('wasm', () => {});
    const active = await backend;
    const source = { baseUrl: `${request.baseUrl}models/` };
    const { model, manifest } = await loadPretrainedModel(request.name, {}, source);
    const { model: base } = await loadPretrainedModel(request.name, { includeTop: false }, source);
    const result: PretrainedCheck = {
      backend: active.name,
      listed: await listPretrained(source),
      layers: model.layers.map((l) => l.name),
      baseOutputShape: base.outputs[0]!.shape,
      trainableTensors: { full: model.trainableWeights.length, base: base.trainableWeights.length },
    };
    if (request.measure && manifest) {
      const test = await loadDatasetBytes('fashion-mnist', { split: 'test', shuffleSeed: COURSE_VGG_RECIPE.testSampleSeed, baseUrl: `${request.baseUrl}data/` });
      const sample = toTensors(selectClasses(test, PRETRAIN_LABELS, { perClass: COURSE_VGG_RECIPE.testSamplePerClass }));
      result.measured = { accuracy: accuracy(model, sample.xs, sample.ys), recorded: manifest.testAccuracy.sample1000, count: sample.xs.shape[0] };
      const first = tf.slice(sample.xs, 0, 1);
      const probabilities = model.predict(first) as tf.Tensor;
      result.decoded = decodeWithClasses(probabilities, 3, manifest.classes)[0]!;
      tf.dispose([first, probabilities]);
      tf.dispose([sample.xs, sample.ys]);
    }
    model.dispose();
    base.dispose();
    self.postMessage(result);
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};

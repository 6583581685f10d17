/**
 * Models as plain data and back: what the runner sends the grader, what `saveModel` keeps, and
 * the `{ $model: topology }` arguments graders hand to learner functions. One definition each, so
 * the runner, the course API and the graders cannot drift apart.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import type { ModelArtifact } from './protocol.ts';

/** Topology and weights in one structured-cloneable object (a single weight buffer). */
export async function serializeModel(model: tfLayers.LayersModel): Promise<ModelArtifact> {
  let artifact: ModelArtifact | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      artifact = {
        modelTopology: artifacts.modelTopology ?? {},
        weightSpecs: (artifacts.weightSpecs ?? []).map((s) => ({ name: s.name, shape: s.shape, dtype: s.dtype })),
        weightData: weightData instanceof ArrayBuffer ? weightData : tf.io.concatenateArrayBuffers(weightData ?? []),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifact) throw new Error('model serialization produced nothing');
  return artifact;
}

/** The model an artifact describes, weights included: what the grader checks and `loadModel` returns. */
export function modelFromArtifact(artifact: ModelArtifact): Promise<tfLayers.LayersModel> {
  const { modelTopology, weightSpecs, weightData } = artifact;
  return tfLayers.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs: weightSpecs as tf.io.WeightsManifestEntry[], weightData }));
}

/**
 * The model a Keras topology describes, with freshly initialized weights. Seeded initializers in
 * the topology make those weights the same wherever it is built (runner and grader alike).
 */
export function modelFromTopology(topology: object): Promise<tfLayers.LayersModel> {
  return tfLayers.models.modelFromJSON({ modelTopology: topology } as Parameters<typeof tfLayers.models.modelFromJSON>[0] & object);
}

/**
 * Models as plain data and back: what the runner sends the grader, what `saveModel` keeps, and
 * the `{ $model: topology }` arguments graders hand to learner functions. One definition each, so
 * the runner, the course API and the graders cannot drift apart.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import type { ModelArtifact } from './protocol.ts';

interface LayerEntry {
  name?: string;
  config?: { name?: string; trainable?: boolean; layers?: LayerEntry[] };
}

const isContainer = (layer: tfLayers.layers.Layer): layer is tfLayers.LayersModel => layer instanceof tfLayers.LayersModel;

/**
 * Writes into the topology which layers are frozen, as the model really trains. TF.js's
 * `base.trainable = false` on a model used as a layer (a pretrained base, as the documents use
 * VGG16) flags the weights but not the inner layers' configs, so the model the grader rebuilds
 * would train them again; here each layer's `trainable` becomes what it is in effect.
 */
function recordFrozenLayers(container: tfLayers.LayersModel, entries: LayerEntry[] | undefined, frozenAbove = false): void {
  for (const entry of entries ?? []) {
    const name = entry.config?.name ?? entry.name;
    const layer = container.layers.find((l) => l.name === name);
    if (!layer || !entry.config) continue;
    const frozen = frozenAbove || !layer.trainable || (!isContainer(layer) && layer.weights.length > 0 && layer.trainableWeights.length === 0);
    // Only where there are weights to freeze: an InputLayer reports trainable false and has none.
    if (frozen && (isContainer(layer) || layer.weights.length > 0)) entry.config.trainable = false;
    if (isContainer(layer)) recordFrozenLayers(layer, entry.config.layers, frozen);
  }
}

/** A model's Keras topology JSON (no weights) with its frozen layers recorded: a values result's `{ $model }`. */
export function modelTopology(model: tfLayers.LayersModel): object {
  const topology = model.toJSON(null, false) as { config?: { layers?: LayerEntry[] } };
  recordFrozenLayers(model, topology.config?.layers);
  return topology;
}

/** Topology and weights in one structured-cloneable object (a single weight buffer). */
export async function serializeModel(model: tfLayers.LayersModel): Promise<ModelArtifact> {
  let artifact: ModelArtifact | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const topology = (artifacts.modelTopology ?? {}) as { model_config?: { config?: { layers?: LayerEntry[] } }; config?: { layers?: LayerEntry[] } };
      recordFrozenLayers(model, (topology.model_config ?? topology).config?.layers);
      artifact = {
        modelTopology: topology,
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

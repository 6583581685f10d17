/**
 * Writes a Layers model as TF.js's own format (`model.json` + one weight file), the format
 * `tf.loadLayersModel` and the Keras converter use, and returns each file's size and SHA-256 for
 * the manifest. No dates or versions go into the files: the same weights give the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { serializeModel } from '../../src/runtime/model-artifacts.ts';
import type { ModelFileInfo } from '../../src/pretrained/manifest.ts';

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Writes to a temporary name, then renames, so a crash never leaves a half-written file under its real name. */
export async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
}

export async function writeLayersModel(model: LayersModel, dir: string, weightsFile = 'weights.bin'): Promise<ModelFileInfo[]> {
  // The same serialization the runner sends the grader: a frozen base stays frozen in the file too.
  const artifact = await serializeModel(model);
  const weights = new Uint8Array(artifact.weightData);
  const modelJson = `${JSON.stringify({
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_core}`,
    convertedBy: null,
    modelTopology: artifact.modelTopology,
    weightsManifest: [{ paths: [weightsFile], weights: artifact.weightSpecs }],
  })}\n`;
  await mkdir(dir, { recursive: true });
  await writeAtomically(join(dir, weightsFile), weights);
  await writeAtomically(join(dir, 'model.json'), modelJson);
  const json = new TextEncoder().encode(modelJson);
  return [
    { path: 'model.json', bytes: json.byteLength, sha256: sha256(json) },
    { path: weightsFile, bytes: weights.byteLength, sha256: sha256(weights) },
  ];
}

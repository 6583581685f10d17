/**
 * Pretrained models served by the site under `models/<name>/` (TF.js Layers format: model.json and
 * its weight files), in a window, a worker or Node, from the site itself and nowhere else. The
 * course's own models have a `manifest.json` (src/pretrained/manifest.ts): their files are checked
 * against its SHA-256 sums and kept in Cache Storage like the datasets, and it names their classes
 * and where the base ends. A model a user brings (one converted from Keras, say) needs only its
 * model.json and weights; `models/index.json`, made at build time, lists them all.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { cacheKey, cacheStorageCache, sha256Hex, type DatasetCache } from '../data/loader.ts';
import type { DecodedPrediction, PretrainedInfo } from '../runtime/learner-api/course.d.ts';
import type { ModelFileInfo, PretrainedManifest } from './manifest.ts';

export type { DecodedPrediction };

export interface ModelSource {
  /** The folder that holds the model folders, e.g. `/models/`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Default: Cache Storage where there is one. `null`: no cache. */
  cache?: DatasetCache | null;
}

/** One entry of `models/index.json`: what learner code's `listPretrained()` returns. */
export type PretrainedListing = PretrainedInfo;

export interface LoadedPretrained {
  model: tfl.LayersModel;
  manifest: PretrainedManifest | undefined;
}

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
  /** The HTTP status of a file that was not served, when that is the reason. */
  status: number | undefined;
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options);
    this.status = options?.status;
  }
}

const VALID_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const folder = (source: ModelSource) => (source.baseUrl.endsWith('/') ? source.baseUrl : `${source.baseUrl}/`);

async function get(source: ModelSource, url: string): Promise<Response> {
  try {
    return await (source.fetch ?? globalThis.fetch)(url, { cache: 'no-cache' });
  } catch (error) {
    throw new ModelLoadError(`모델 파일을 받지 못했습니다 (${url}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function bytesOf(source: ModelSource, url: string, info: ModelFileInfo | undefined, name: string): Promise<Uint8Array> {
  const cache = source.cache === undefined ? cacheStorageCache() : source.cache;
  const key = info ? cacheKey(url, info.sha256) : undefined;
  if (info && key) {
    const cached = await cache?.get(key).catch(() => undefined);
    if (cached && cached.byteLength === info.bytes && (await sha256Hex(cached)) === info.sha256) return cached;
  }
  const response = await get(source, url);
  if (!response.ok) throw new ModelLoadError(`모델 '${name}'의 파일 ${url}이(가) 없습니다 (HTTP ${response.status}).`, { status: response.status });
  const data = new Uint8Array(await response.arrayBuffer());
  if (info && (data.byteLength !== info.bytes || (await sha256Hex(data)) !== info.sha256)) {
    throw new ModelLoadError(`모델 '${name}'의 파일 ${url}이(가) manifest의 SHA-256과 다릅니다 (손상되었거나 다른 버전입니다). 페이지를 새로 고치거나 'npm run pretrain'으로 다시 만드세요.`);
  }
  if (info && key) await cache?.put(key, data).catch(() => {});
  return data;
}

/** The models the site serves, from `models/index.json` (made at build time from public/models/). */
export async function listPretrained(source: ModelSource): Promise<PretrainedListing[]> {
  const response = await get(source, `${folder(source)}index.json`);
  if (!response.ok) throw new ModelLoadError(`모델 목록(${folder(source)}index.json)을 불러오지 못했습니다 (HTTP ${response.status}).`);
  return (await response.json()) as PretrainedListing[];
}

async function manifestOf(source: ModelSource, name: string): Promise<PretrainedManifest | undefined> {
  const response = await get(source, `${folder(source)}${name}/manifest.json`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new ModelLoadError(`모델 '${name}'의 manifest.json을 불러오지 못했습니다 (HTTP ${response.status}).`);
  return (await response.json()) as PretrainedManifest;
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** Classes that end a convolutional base: `includeTop: false` of a user's model cuts before the first. */
const TOP_STARTS = new Set(['Flatten', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'Dense']);

function baseOf(full: tfl.LayersModel, manifest: PretrainedManifest | undefined, name: string): tfl.LayersModel {
  let last: tfl.layers.Layer | undefined;
  if (manifest) last = full.getLayer(manifest.baseOutputLayer);
  else {
    const top = full.layers.findIndex((layer) => TOP_STARTS.has(layer.getClassName()));
    if (top <= 0) throw new ModelLoadError(`모델 '${name}'에서 분류기(Flatten, 전역 풀링, Dense 층)의 시작을 찾지 못해 includeTop: false로 자를 수 없습니다.`);
    last = full.layers[top - 1];
  }
  const base = tfl.model({ inputs: full.inputs, outputs: last!.output as tfl.SymbolicTensor, name: full.name });
  // The head's weights belong to no model now: free them (a shared layer keeps its weights).
  for (const layer of full.layers) if (!base.layers.includes(layer)) layer.dispose();
  return base;
}

/**
 * Loads `models/<name>/` as a Layers model, whole (`includeTop: true`) or only its base, like
 * Keras's `VGG16(weights='imagenet', include_top=False)`.
 */
export async function loadPretrainedModel(name: string, { includeTop = true } = {}, source: ModelSource): Promise<LoadedPretrained> {
  if (!VALID_NAME.test(name)) throw new ModelLoadError(`모델 이름 '${name}'이(가) 올바르지 않습니다 (영문, 숫자, -, _ 만).`);
  const base = `${folder(source)}${name}/`;
  const manifest = await manifestOf(source, name);
  const infoOf = (path: string) => manifest?.files.find((f) => f.path === path);
  if (manifest && !infoOf('model.json')) throw new ModelLoadError(`모델 '${name}'의 manifest.json에 model.json이 없습니다.`);
  const modelJsonBytes = await bytesOf(source, `${base}model.json`, infoOf('model.json'), name).catch((error: unknown) => {
    if (error instanceof ModelLoadError && error.status === 404) {
      throw new ModelLoadError(`사전 학습 모델 '${name}'이(가) 없습니다. course.listPretrained()로 쓸 수 있는 모델을 확인하세요 (직접 가져온 모델은 public/models/${name}/model.json에 두고 사이트를 다시 빌드합니다).`);
    }
    throw error;
  });
  const json = JSON.parse(new TextDecoder().decode(modelJsonBytes)) as ModelJson;
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const parts: Uint8Array[] = [];
  for (const path of json.weightsManifest.flatMap((group) => group.paths)) {
    if (manifest && !infoOf(path)) throw new ModelLoadError(`모델 '${name}'의 manifest.json에 ${path}가 없습니다.`);
    parts.push(await bytesOf(source, `${base}${path}`, infoOf(path), name));
  }
  const weightData = tf.io.concatenateArrayBuffers(parts.map((p) => p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength) as ArrayBuffer));
  const full = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
  return { model: includeTop ? full : baseOf(full, manifest, name), manifest };
}

/**
 * The `topK` most probable classes of each row of `probabilities` ([n, classes] or [classes]),
 * most probable first, like Keras's `decode_predictions`.
 */
export function decodeWithClasses(probabilities: tf.Tensor | number[] | number[][], topK: number, classes: { en: string; ko: string }[]): DecodedPrediction[][] {
  const rows: number[][] =
    probabilities instanceof tf.Tensor
      ? probabilities.rank === 1
        ? [Array.from(probabilities.dataSync())]
        : (probabilities.arraySync() as number[][])
      : Array.isArray(probabilities[0])
        ? (probabilities as number[][])
        : [probabilities as number[]];
  return rows.map((row) => {
    if (row.length !== classes.length) {
      throw new ModelLoadError(`decodePredictions: 확률의 개수 ${row.length}가 모델의 클래스 수 ${classes.length}와 다릅니다.`);
    }
    return row
      .map((probability, index) => ({ index, en: classes[index]!.en, ko: classes[index]!.ko, probability }))
      .sort((a, b) => b.probability - a.probability || a.index - b.index)
      .slice(0, Math.max(0, Math.floor(topK)));
  });
}

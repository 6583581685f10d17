/**
 * `npm run pretrain:postcode`: trains the course's reference model `postcode-cnn` (listing 8-3 of
 * document 002, docs/pretrained.md) in Node on the WASM kernels and writes
 * public/models/postcode-cnn/ (model.json, weights.bin, manifest.json), as `npm run pretrain` does
 * for course-vgg. Deterministic: the recipe's seeds fix the initial weights, the batch order and the
 * dropout masks. The result is committed, so building the site never needs this.
 *
 *   npm run pretrain:postcode                              # the committed recipe (≈ 8 min on a 2-core machine)
 *   npm run pretrain:postcode -- --out /tmp/postcode       # somewhere else, e.g. to compare with the committed files
 *   npm run pretrain:postcode -- --epochs 1 --train-size 2000 --out /tmp/postcode   # a quick trial of the pipeline
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startNodeBackend } from '../src/runtime/node/backend.ts';
import type { PretrainedManifest } from '../src/pretrained/manifest.ts';
import { POSTCODE_CNN, POSTCODE_CNN_BASE_OUTPUT, POSTCODE_CNN_RECIPE, type PostcodeCnnRecipe } from '../src/pretrained/postcode-cnn.ts';
import { pretrainPostcode } from './pretrain/postcode.ts';
import { writeAtomically, writeLayersModel } from './pretrain/write-model.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join('public', 'models', POSTCODE_CNN) },
    data: { type: 'string', default: join('public', 'data') },
    epochs: { type: 'string' },
    'train-size': { type: 'string' },
  },
});

const recipe: PostcodeCnnRecipe = {
  ...POSTCODE_CNN_RECIPE,
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values['train-size'] ? { trainSize: Number(values['train-size']) } : {}),
};
const started = performance.now();
const backend = await startNodeBackend('wasm');
if (backend !== 'wasm') throw new Error('pretraining needs the wasm backend (the committed weights were made on it)');
console.log(`postcode-cnn 학습 (목록 8-3): ${recipe.epochs} 에포크, 훈련 이미지 ${recipe.trainSize}장, 검증 ${recipe.validationSize}장 (wasm)`);

const result = await pretrainPostcode(recipe, values.data, (e) =>
  console.log(`에포크 ${e.epoch}/${recipe.epochs}: loss ${e.loss} acc ${e.accuracy} val_loss ${e.validationLoss} val_acc ${e.validationAccuracy} (${e.seconds} s)`),
);
const files = await writeLayersModel(result.model, values.out);
const manifest: PretrainedManifest = {
  name: POSTCODE_CNN,
  formatVersion: 1,
  title: { ko: '코스의 참고 모델: 우편번호 인식기 v.2의 CNN (MNIST, 목록 8-3)', en: "The course's reference model: the postcode recognizer v.2 CNN (MNIST, listing 8-3)" },
  inputShape: [28, 28, 1],
  classes: result.classes,
  baseOutputLayer: POSTCODE_CNN_BASE_OUTPUT,
  files,
  recipe: { ...recipe, architecture: 'document 002 listing 8-3', parameters: result.model.countParams() },
  trainingLog: result.log,
  testAccuracy: result.testAccuracy,
  pretrainSeconds: Math.round((performance.now() - started) / 1000),
  machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, tfjs wasm`,
};
await writeAtomically(join(values.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `테스트 정확도: ${result.testAccuracy.allCount}장 ${(result.testAccuracy.all * 100).toFixed(2)}%, 고정 표본 1,000장 ${(result.testAccuracy.sample1000 * 100).toFixed(2)}% — ${manifest.pretrainSeconds} s, ${values.out}`,
);

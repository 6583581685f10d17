/**
 * `npm run pretrain`: trains the course's pretrained backbone `course-vgg` (docs/pretrained.md) in
 * Node on the WASM kernels, and writes public/models/course-vgg/ (model.json, weights.bin,
 * manifest.json). Deterministic: the recipe's seeds fix the initial weights, the batch order and
 * the dropout masks. The result is committed, so building the site never needs this.
 *
 *   npm run pretrain                       # the committed recipe (≈ 20 min on a 2-core machine)
 *   npm run pretrain -- --out /tmp/vgg     # somewhere else, e.g. to compare with the committed files
 *   npm run pretrain -- --epochs 1 --train-per-class 200 --out /tmp/vgg   # a quick trial of the pipeline
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startNodeBackend } from '../src/runtime/node/backend.ts';
import { COURSE_VGG, COURSE_VGG_RECIPE, COURSE_VGG_SPEC, type CourseVggRecipe } from '../src/pretrained/course-vgg.ts';
import type { PretrainedManifest } from '../src/pretrained/manifest.ts';
import { pretrain } from './pretrain/pretrain.ts';
import { writeAtomically, writeLayersModel } from './pretrain/write-model.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join('public', 'models', COURSE_VGG) },
    data: { type: 'string', default: join('public', 'data') },
    epochs: { type: 'string' },
    'train-per-class': { type: 'string' },
  },
});

const recipe: CourseVggRecipe = {
  ...COURSE_VGG_RECIPE,
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values['train-per-class'] ? { trainPerClass: Number(values['train-per-class']) } : {}),
};
const started = performance.now();
const backend = await startNodeBackend('wasm');
if (backend !== 'wasm') throw new Error('pretraining needs the wasm backend (the committed weights were made on it)');
console.log(`course-vgg 사전 학습: ${recipe.epochs} 에포크, 클래스당 ${recipe.trainPerClass}장 (wasm)`);

const result = await pretrain(COURSE_VGG_SPEC, recipe, values.data, (e) =>
  console.log(`에포크 ${e.epoch}/${recipe.epochs}: loss ${e.loss} acc ${e.accuracy} val_loss ${e.validationLoss} val_acc ${e.validationAccuracy} (${e.seconds} s)`),
);
const files = await writeLayersModel(result.model, values.out);
const manifest: PretrainedManifest = {
  name: COURSE_VGG,
  formatVersion: 1,
  title: { ko: '코스의 사전 학습 VGG 스타일 모델 (패션 MNIST 8개 클래스)', en: "The course's pretrained VGG-style model (eight Fashion-MNIST classes)" },
  inputShape: [28, 28, 1],
  classes: result.classes,
  baseOutputLayer: `block${COURSE_VGG_SPEC.blocks.length}_pool`,
  files,
  recipe: { ...recipe, architecture: COURSE_VGG_SPEC, parameters: result.model.countParams() },
  trainingLog: result.log,
  testAccuracy: result.testAccuracy,
  pretrainSeconds: Math.round((performance.now() - started) / 1000),
  machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, tfjs wasm`,
};
await writeAtomically(join(values.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `테스트 정확도: 8개 클래스 ${result.testAccuracy.allCount}장 ${(result.testAccuracy.all * 100).toFixed(2)}%, 고정 표본 1,000장 ${(result.testAccuracy.sample1000 * 100).toFixed(2)}% — ${manifest.pretrainSeconds} s, ${values.out}`,
);

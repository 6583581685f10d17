/**
 * The recipe of the course's pretrained backbone `course-vgg`: its architecture, its data and its
 * training settings, in one place for `npm run pretrain` (which records it in the manifest) and for
 * the checks that re-measure the committed model.
 */
import type { DatasetBytes } from '../data/loader.ts';
import type { BackboneSpec } from './backbone.ts';
import { PRETRAIN_LABELS, selectClasses, type LabeledImages } from './tasks.ts';

export const COURSE_VGG = 'course-vgg';

export const COURSE_VGG_SPEC: BackboneSpec = {
  blocks: [
    [16, 16],
    [32, 32],
    [64, 64],
    [128, 128],
  ],
  hiddenUnits: 256,
  dropout: 0.5,
  classes: PRETRAIN_LABELS.length,
  seed: 1,
};

export const COURSE_VGG_RECIPE = {
  dataset: 'fashion-mnist',
  labels: PRETRAIN_LABELS,
  /** The train split is shuffled with this seed; of each class the first `trainPerClass` train, the next `validationPerClass` validate. */
  splitSeed: 2026,
  trainPerClass: 5_500,
  validationPerClass: 500,
  /** Seeds Math.random for the whole fit (batch order, dropout). */
  fitSeed: 7,
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 128,
  epochs: 5,
  /** The fixed 1,000 test images (125 per class) CI re-measures: the test split shuffled with this seed. */
  testSampleSeed: 1,
  testSamplePerClass: 125,
} as const;

export type CourseVggRecipe = { -readonly [K in keyof typeof COURSE_VGG_RECIPE]: (typeof COURSE_VGG_RECIPE)[K] extends number ? number : (typeof COURSE_VGG_RECIPE)[K] };

/** Train and validation images of the eight classes, from the train split shuffled with `splitSeed`. */
export function pretrainSplits(shuffledTrain: DatasetBytes, recipe: Pick<CourseVggRecipe, 'trainPerClass' | 'validationPerClass'>): { train: LabeledImages; validation: LabeledImages } {
  return {
    train: selectClasses(shuffledTrain, PRETRAIN_LABELS, { perClass: recipe.trainPerClass }),
    validation: selectClasses(shuffledTrain, PRETRAIN_LABELS, { from: recipe.trainPerClass, perClass: recipe.validationPerClass }),
  };
}

/**
 * The manifest beside a pretrained model (`public/models/<name>/manifest.json`), written by
 * `npm run pretrain` and read by the model loader. A model a user brings has no manifest.
 */
import type { ClassName } from '../data/loader.ts';

export interface ModelFileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

export interface EpochLog {
  epoch: number;
  loss: number;
  accuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  seconds: number;
}

export interface PretrainedManifest {
  name: string;
  formatVersion: 1;
  title: { ko: string; en: string };
  /** The input one image has: [height, width, channels]. */
  inputShape: [number, number, number];
  /** Output classes, index = output unit. */
  classes: ClassName[];
  /** The last layer of the base: `includeTop: false` ends here. */
  baseOutputLayer: string;
  /** model.json first, then the weight files it names. */
  files: ModelFileInfo[];
  /** How it was made: data, architecture, optimizer, seeds, epochs. */
  recipe: Record<string, unknown>;
  trainingLog: EpochLog[];
  /** Test accuracy on the pretraining classes: all their test images, and the fixed 1,000 that CI re-checks. */
  testAccuracy: { all: number; allCount: number; sample1000: number };
  /** Wall time of `npm run pretrain` and where it ran. */
  pretrainSeconds: number;
  machine: string;
}

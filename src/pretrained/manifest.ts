/**
 * The manifest beside a pretrained model (`public/models/<name>/manifest.json`), written by
 * `npm run pretrain` and read by the model loader. A model a user brings has no manifest.
 */
import type { ClassName, DataFileInfo } from '../data/loader.ts';

/** A model file as the manifest lists it: the same record the datasets' manifests keep. */
export type ModelFileInfo = DataFileInfo;

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

/**
 * Opt-in datasets: ones the course cannot ship (not on npm, a licence or size that keeps them out
 * of the repository), which whoever runs the site imports themselves (`npm run data -- --cifar10 …`,
 * docs/data.md). Until then an exercise that needs one is *unavailable*: neither passed nor failed,
 * and every place that meets the missing data (the page, the runner, the grader, the CLI) says so
 * with the words below. Browser-safe: no Node modules, no TF.js.
 */
import type { DatasetName } from '../runtime/protocol.ts';

export interface OptInDataset {
  /** The dataset's name as a learner reads it. */
  title: string;
  /** The page to download the archive from, and what it is called there. */
  downloadUrl: string;
  downloadLabel: string;
  /** The file the importer reads. */
  archive: string;
  /** The `npm run data` option that imports it. */
  importFlag: string;
}

export const OPT_IN_DATASETS: Partial<Record<DatasetName, OptInDataset>> = {
  cifar10: {
    title: 'CIFAR-10',
    downloadUrl: 'https://www.cs.toronto.edu/~kriz/cifar.html',
    downloadLabel: 'CIFAR-10 binary version (suitable for C programs)',
    archive: 'cifar-10-binary.tar.gz',
    importFlag: '--cifar10',
  },
};

export function optInDataset(name: string): OptInDataset | undefined {
  return Object.hasOwn(OPT_IN_DATASETS, name) ? OPT_IN_DATASETS[name as DatasetName] : undefined;
}

/** `npm run data -- --cifar10 <내려받은 cifar-10-binary.tar.gz 경로>` */
export function importCommand(dataset: OptInDataset): string {
  return `npm run data -- ${dataset.importFlag} <내려받은 ${dataset.archive} 경로>`;
}

/** What is missing, in one sentence: "이 사이트에는 CIFAR-10 데이터셋이 없습니다." */
export function missingDatasetMessage(name: string): string {
  return `이 사이트에는 ${optInDataset(name)?.title ?? name} 데이터셋이 없습니다.`;
}

/** How to get it: where to download, and the command that imports it. */
export function importInstructions(name: string): string {
  const dataset = optInDataset(name);
  if (!dataset) return `'npm run data'로 데이터셋 '${name}'을(를) 준비하세요.`;
  return (
    `코스와 함께 배포하지 않는 선택 데이터셋이라 직접 가져와야 합니다. ${dataset.downloadUrl} 에서 '${dataset.downloadLabel}' 파일(${dataset.archive})을 내려받고, ` +
    `코스 저장소에서 다음 명령을 실행한 뒤 사이트를 다시 빌드하세요: ${importCommand(dataset)}`
  );
}

import { print } from 'course';

export interface VggConfig {
  inputShape: [height: number, width: number, channels: number];
  blocks: [filters: number, convs: number][];
  dense: number[];
  classes: number;
  includeTop: boolean;
}

export interface MobileNetConfig {
  alpha: number;
  inputSize: number;
  classes: number;
  includeTop: boolean;
}

/** k×k 합성곱의 파라미터: 필터마다 k·k·입력 채널개의 가중치, 절편이 있으면 필터마다 하나 더. */
const convParams = (kernel: number, inChannels: number, filters: number, bias: boolean) => kernel * kernel * inChannels * filters + (bias ? filters : 0);

/** VGG: 층을 만들지 않고 설정만으로 전체 파라미터 수를 셉니다. */
export function vggParams(config: VggConfig): number {
  let [height, width, channels] = config.inputShape;
  let total = 0;
  for (const [filters, convs] of config.blocks) {
    for (let i = 0; i < convs; i++) {
      total += convParams(3, channels, filters, true);
      channels = filters; // 'same'이라 크기는 그대로, 채널만 바뀝니다
    }
    height = Math.floor(height / 2); // 2×2 최대 풀링은 내림합니다
    width = Math.floor(width / 2);
  }
  if (!config.includeTop) return total;
  let units = height * width * channels; // Flatten
  for (const next of [...config.dense, config.classes]) {
    total += units * next + next; // Dense: 가중치 + 절편
    units = next;
  }
  return total;
}

const MOBILENET_FILTERS: [filters: number, strides: number][] = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1],
];

/** MobileNet v1 (케라스): [전체, 학습됨, 학습 안 됨]. 입력 크기는 파라미터 수에 영향을 주지 않습니다. */
export function mobileNetParams(config: MobileNetConfig): [number, number, number] {
  let trainable = 0;
  let frozen = 0;
  const batchNorm = (channels: number) => {
    trainable += 2 * channels; // γ, β
    frozen += 2 * channels; // 이동 평균, 이동 분산
  };
  let channels = Math.floor(32 * config.alpha);
  trainable += convParams(3, 3, channels, false);
  batchNorm(channels);
  for (const [filters] of MOBILENET_FILTERS) {
    trainable += 3 * 3 * channels; // 깊이별 합성곱: 채널마다 3×3 하나
    batchNorm(channels);
    const out = Math.floor(filters * config.alpha);
    trainable += convParams(1, channels, out, false); // 점별 1×1
    batchNorm(out);
    channels = out;
  }
  if (config.includeTop) trainable += convParams(1, channels, config.classes, true);
  return [trainable + frozen, trainable, frozen];
}

print('VGG19:', vggParams({ inputShape: [224, 224, 3], blocks: [[64, 2], [128, 2], [256, 4], [512, 4], [512, 4]], dense: [4096, 4096], classes: 1000, includeTop: true }));
print('MobileNet:', mobileNetParams({ alpha: 1, inputSize: 224, classes: 1000, includeTop: true }));

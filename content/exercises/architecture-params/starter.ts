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

/** VGG: 층을 만들지 않고 설정만으로 전체 파라미터 수를 셉니다. */
export function vggParams(config: VggConfig): number {
  let channels = config.inputShape[2];
  let total = 0;
  for (const [filters, convs] of config.blocks) {
    for (let i = 0; i < convs; i++) {
      total += 3 * 3 * channels * filters + filters;
      channels = filters;
    }
  }
  // TODO: 풀링이 줄이는 높이·너비를 따라가고, includeTop이면 Flatten 뒤 Dense 층들의 파라미터를 더하세요.
  return total;
}

/** MobileNet v1 (케라스): [전체, 학습됨, 학습 안 됨]. */
export function mobileNetParams(config: MobileNetConfig): [number, number, number] {
  // TODO: 첫 합성곱, 블록 13개(깊이별 3×3 + BN + 점별 1×1 + BN), 분류기를 세세요.
  void config;
  return [0, 0, 0];
}

print('VGG19:', vggParams({ inputShape: [224, 224, 3], blocks: [[64, 2], [128, 2], [256, 4], [512, 4], [512, 4]], dense: [4096, 4096], classes: 1000, includeTop: true }));

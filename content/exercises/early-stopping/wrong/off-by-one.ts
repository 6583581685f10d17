// expect-fail: es.overfitting
// Stops one epoch late: `wait > patience` instead of `wait >= patience`.
/** 조기 멈춤의 설정 (Keras의 EarlyStopping(monitor='val_loss', mode='min', ...)과 같은 뜻). */
export interface EarlyStoppingOptions {
  /** 이보다 작은 감소는 개선으로 치지 않습니다(절댓값을 씁니다). */
  minDelta: number;
  /** 개선이 없는 에포크가 이만큼 이어지면 멈춥니다. */
  patience: number;
  /** true이면 가장 좋았던 에포크의 가중치를, false이면 마지막 에포크의 가중치를 남깁니다. */
  restoreBest: boolean;
}

export interface EarlyStoppingResult {
  /** 마지막으로 실행된 에포크(1부터). 멈추지 않았으면 losses.length. */
  stoppedEpoch: number;
  /** 학습이 끝난 뒤 모델에 남는 가중치가 나온 에포크(1부터). */
  keptEpoch: number;
}

/** 에포크마다의 검증 손실 losses[0], losses[1], …에 조기 멈춤을 적용합니다. */
export function earlyStopping(losses: number[], options: EarlyStoppingOptions): EarlyStoppingResult {
  const minDelta = Math.abs(options.minDelta);
  let best = Infinity;
  let bestEpoch = 0;
  let wait = 0;
  for (let epoch = 1; epoch <= losses.length; epoch++) {
    const loss = losses[epoch - 1]!;
    if (loss < best - minDelta) {
      // 개선: best와 그 에포크를 기억하고, 기다린 횟수를 0으로 되돌립니다.
      best = loss;
      bestEpoch = epoch;
      wait = 0;
    } else {
      wait++;
      if (wait > options.patience) {
        return { stoppedEpoch: epoch, keptEpoch: options.restoreBest ? bestEpoch : epoch };
      }
    }
  }
  return { stoppedEpoch: losses.length, keptEpoch: options.restoreBest ? bestEpoch : losses.length };
}

/**
 * "Predict, then run": the arithmetic behind `<Predict>`. A lesson describes a model as an input
 * shape and a list of layers; this module computes each layer's output shape and parameter count
 * the way Keras and TF.js do, reads what a learner typed, and explains a wrong answer with the
 * lesson's formula (OH = (H + 2P − FH)/S + 1, FH·FW·C_in·C_out + C_out, …) filled in with the
 * layer's own numbers. Pure functions: the component uses them at build time (to validate the
 * lesson's model) and in the browser (to check answers), and the unit tests use them directly.
 */

type Pair = number | [number, number];

interface LayerBase {
  /** Shown in the table instead of the generated name, e.g. `MaxPool2D(2, 스트라이드 2)`. */
  label?: string;
  /** Shown with its answers filled in and not asked (e.g. a Dropout the lesson already explained). */
  given?: boolean;
}

export interface Conv2DLayer extends LayerBase {
  type: 'conv2d';
  filters: number;
  kernelSize: Pair;
  strides?: Pair;
  padding?: 'valid' | 'same';
  activation?: string;
}

export interface Pooling2DLayer extends LayerBase {
  type: 'maxPooling2d' | 'averagePooling2d';
  /** Default 2, as in Keras. */
  poolSize?: Pair;
  /** Default: the pool size. */
  strides?: Pair;
  padding?: 'valid' | 'same';
}

export interface FlattenLayer extends LayerBase {
  type: 'flatten';
}

export interface DenseLayer extends LayerBase {
  type: 'dense';
  units: number;
  activation?: string;
}

export interface DropoutLayer extends LayerBase {
  type: 'dropout';
  rate: number;
}

export type PredictLayer = Conv2DLayer | Pooling2DLayer | FlattenLayer | DenseLayer | DropoutLayer;
export const LAYER_TYPES = ['conv2d', 'maxPooling2d', 'averagePooling2d', 'flatten', 'dense', 'dropout'] as const;

/** What a layer turns its input into. Shapes leave out the batch axis. */
export interface LayerAnswer {
  input: number[];
  output: number[];
  params: number;
}

export type PredictField = 'shape' | 'params';

const pair = (value: Pair): [number, number] => (Array.isArray(value) ? value : [value, value]);
const isPositiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;
const group = (n: number) => n.toLocaleString('en-US');

/** One spatial axis of a convolution or pooling, as TF.js computes it. */
function windowOutput(size: number, window: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/** Throws, naming the layer, when the model cannot be built (the build then fails on the lesson). */
export function inferLayers(input: readonly number[], layers: readonly PredictLayer[]): LayerAnswer[] {
  if (input.length === 0 || !input.every(isPositiveInt)) throw new Error(`input ${JSON.stringify(input)} must be a list of positive integers, e.g. [28, 28, 1].`);
  let shape = [...input];
  return layers.map((layer, i) => {
    const where = `layer ${i + 1} (${layer.type})`;
    if (!(LAYER_TYPES as readonly string[]).includes(layer.type)) throw new Error(`${where}: type must be one of ${LAYER_TYPES.join(', ')}.`);
    const inShape = shape;
    let output: number[];
    let params = 0;
    switch (layer.type) {
      case 'conv2d':
      case 'maxPooling2d':
      case 'averagePooling2d': {
        if (inShape.length !== 3) throw new Error(`${where}: needs a (height, width, channels) input, got (${inShape.join(', ')}).`);
        const conv = layer.type === 'conv2d';
        const window = pair(conv ? layer.kernelSize : (layer.poolSize ?? 2));
        const strides = pair(layer.strides ?? (conv ? 1 : window));
        const padding = layer.padding ?? 'valid';
        if (![...window, ...strides].every(isPositiveInt)) throw new Error(`${where}: window and strides must be positive integers.`);
        if (conv && !isPositiveInt(layer.filters)) throw new Error(`${where}: filters must be a positive integer.`);
        const [h, w, c] = inShape as [number, number, number];
        const oh = windowOutput(h, window[0], strides[0], padding);
        const ow = windowOutput(w, window[1], strides[1], padding);
        if (oh < 1 || ow < 1) throw new Error(`${where}: a ${window.join('×')} window does not fit a ${h}×${w} input.`);
        output = [oh, ow, conv ? layer.filters : c];
        if (conv) params = window[0] * window[1] * c * layer.filters + layer.filters;
        break;
      }
      case 'flatten':
        output = [inShape.reduce((a, b) => a * b, 1)];
        break;
      case 'dense':
        if (inShape.length !== 1) throw new Error(`${where}: this course's Dense takes a flat input (add a flatten layer), got (${inShape.join(', ')}).`);
        if (!isPositiveInt(layer.units)) throw new Error(`${where}: units must be a positive integer.`);
        output = [layer.units];
        params = inShape[0]! * layer.units + layer.units;
        break;
      case 'dropout':
        output = [...inShape];
        break;
    }
    shape = output;
    return { input: inShape, output, params };
  });
}

export const totalParams = (answers: readonly LayerAnswer[]) => answers.reduce((sum, a) => sum + a.params, 0);

export interface PredictProps {
  id: string;
  input: number[];
  layers: PredictLayer[];
  total?: number;
}

/**
 * The props of a `<Predict>` block, checked as the build renders it: returns the computed answers,
 * or throws one message naming the block and what is wrong (the build then fails on the lesson).
 */
export function checkPredictProps({ id, input, layers, total }: PredictProps): LayerAnswer[] {
  const fail = (message: string): never => {
    throw new Error(`<Predict id="${id}">: ${message} See docs/authoring.md, "Predictions".`);
  };
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) fail('id must be lower-case letters, digits and hyphens.');
  if (!Array.isArray(layers) || layers.length === 0) fail('layers must be a non-empty list.');
  let answers: LayerAnswer[] = [];
  try {
    answers = inferLayers(input, layers);
  } catch (error) {
    fail((error as Error).message);
  }
  if (layers.every((l) => l.given)) fail('every layer is given: there is nothing to predict.');
  const computed = totalParams(answers);
  if (total !== undefined && total !== computed) fail(`the layers add up to ${computed} parameters, not the document's ${total}.`);
  return answers;
}

/** `(None, 28, 28, 32)`, as Keras's summary prints an output shape. */
export const formatShape = (shape: readonly number[]) => `(None, ${shape.join(', ')})`;
export const formatCount = group;

/** The layer as the table names it: `Conv2D(32, 3×3, same, relu)`, `MaxPooling2D(2×2)`, `Dense(100)`. */
export function layerLabel(layer: PredictLayer): string {
  if (layer.label) return layer.label;
  const size = (p: Pair) => pair(p).join('×');
  switch (layer.type) {
    case 'conv2d': {
      const parts = [String(layer.filters), size(layer.kernelSize)];
      if (layer.strides !== undefined && pair(layer.strides).some((s) => s !== 1)) parts.push(`스트라이드 ${pair(layer.strides)[0]}`);
      parts.push(layer.padding ?? 'valid');
      if (layer.activation) parts.push(layer.activation);
      return `Conv2D(${parts.join(', ')})`;
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const name = layer.type === 'maxPooling2d' ? 'MaxPooling2D' : 'AveragePooling2D';
      const window = pair(layer.poolSize ?? 2);
      const parts = [size(window)];
      if (layer.strides !== undefined && pair(layer.strides).join() !== window.join()) parts.push(`스트라이드 ${pair(layer.strides)[0]}`);
      if (layer.padding === 'same') parts.push('same');
      return `${name}(${parts.join(', ')})`;
    }
    case 'flatten':
      return 'Flatten';
    case 'dense':
      return `Dense(${[String(layer.units), ...(layer.activation ? [layer.activation] : [])].join(', ')})`;
    case 'dropout':
      return `Dropout(${layer.rate})`;
  }
}

/**
 * A shape as a learner may type it: `(None, 28, 28, 32)`, `28, 28, 32`, `28×28×32`, `28x28x32`.
 * The batch axis (None) may be left out. Returns null for anything else.
 */
export function parseShape(text: string): number[] | null {
  const tokens = text
    .trim()
    .replace(/none|null|\?|batch/gi, ' N ')
    .split(/[^0-9N]+/)
    .filter((t) => t !== '');
  while (tokens[0] === 'N') tokens.shift();
  if (tokens.length === 0 || tokens.includes('N')) return null;
  return tokens.map(Number);
}

/** A count as a learner may type it: `18496`, `18,496`, `18 496`, `18_496`, `18,496개`. */
export function parseCount(text: string): number | null {
  const digits = text.trim().replace(/개$/, '').replace(/[\s,_]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

export type Verdict = 'empty' | 'unreadable' | 'right' | 'wrong';

export function judge(answer: LayerAnswer, field: PredictField, text: string): Verdict {
  if (text.trim() === '') return 'empty';
  if (field === 'shape') {
    const shape = parseShape(text);
    if (!shape) return 'unreadable';
    return shape.join() === answer.output.join() ? 'right' : 'wrong';
  }
  const count = parseCount(text);
  if (count === null) return 'unreadable';
  return count === answer.params ? 'right' : 'wrong';
}

const FORMAT_HELP: Record<PredictField, string> = {
  shape: '모양은 (None, 28, 28, 32)나 28, 28, 32처럼 숫자를 쉼표로 나누어 적으세요. 배치 축 None은 빼도 됩니다.',
  params: '파라미터 수는 18496이나 18,496처럼 숫자 하나로 적으세요.',
};

/**
 * Why the right answer is what it is, with the lesson's formula and this layer's numbers.
 * `stage` 1 fills the formula in and leaves the last step to the learner; stage 2 (a second wrong
 * try at the same cell) also gives the result. `typed` is what the learner wrote, to name a common
 * slip (a forgotten bias, padding read the wrong way round) when it is one.
 */
export function explain(layer: PredictLayer, answer: LayerAnswer, field: PredictField, stage: 1 | 2, typed = ''): string {
  const verdict = judge(answer, field, typed);
  if (verdict === 'unreadable') return `읽을 수 없는 답입니다. ${FORMAT_HELP[field]}`;
  const full = stage >= 2;
  const input = formatShape(answer.input);
  const result = field === 'shape' ? formatShape(answer.output) : `${group(answer.params)}개`;
  const slip = field === 'params' ? paramsSlip(layer, answer, parseCount(typed)) : shapeSlip(layer, answer, parseShape(typed));
  const parts: string[] = [];
  switch (layer.type) {
    case 'conv2d': {
      const [fh, fw] = pair(layer.kernelSize);
      const [sh, sw] = pair(layer.strides ?? 1);
      const [h, w, c] = answer.input as [number, number, number];
      if (field === 'shape') {
        const padding = layer.padding ?? 'valid';
        parts.push(`합성곱의 출력 크기는 OH = (H + 2P − FH)/S + 1 (나누어떨어지지 않으면 내림)이고, 채널 수는 필터 개수입니다.`);
        const axes = h === w && fh === fw && sh === sw ? [['OH', h, fh, sh]] : [['OH', h, fh, sh], ['OW', w, fw, sw]];
        const filled = axes.map(([name, size, k, s]) => {
          const n = size as number;
          const kk = k as number;
          const ss = s as number;
          if (padding === 'same' && (ss !== 1 || kk % 2 === 0)) {
            return `${name}: padding='same'이면 TF.js는 0을 필요한 만큼 덧붙여 ⌈H/S⌉ = ⌈${n}/${ss}⌉${full ? ` = ${Math.ceil(n / ss)}` : ''}`;
          }
          const p = padding === 'same' ? (kk - 1) / 2 : 0;
          const value = Math.floor((n + 2 * p - kk) / ss) + 1;
          // A division that leaves a remainder is written with the floor the frameworks apply.
          const fraction = (n + 2 * p - kk) % ss === 0 ? `(${n} + 2·${p} − ${kk})/${ss}` : `⌊(${n} + 2·${p} − ${kk})/${ss}⌋`;
          return `${name} = ${fraction} + 1${full ? ` = ${value}` : ''}`;
        });
        parts.push(
          `이 층의 입력은 ${input}, FH = ${fh}, S = ${sh}, padding='${padding}'이라 P = ${padding === 'valid' ? 0 : fh % 2 === 1 && sh === 1 ? (fh - 1) / 2 : '필요한 만큼'}입니다: ${filled.join(', ')}.`,
        );
      } else {
        parts.push(`합성곱 층의 파라미터 수는 FH·FW·C_in·C_out + C_out입니다: 필터마다 FH·FW·C_in개의 가중치(커널의 깊이는 입력 채널 수)와 절편 1개.`);
        parts.push(`FH = ${fh}, FW = ${fw}, 입력 ${input}의 채널 C_in = ${c}, 필터 C_out = ${layer.filters}: ${fh}·${fw}·${c}·${layer.filters} + ${layer.filters}${full ? ` = ${group(answer.params)}` : ''}.`);
      }
      break;
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const [fh, fw] = pair(layer.poolSize ?? 2);
      const [sh, sw] = pair(layer.strides ?? [fh, fw]);
      const [h, w] = answer.input as [number, number, number];
      const [oh, ow] = answer.output as [number, number, number];
      const square = h === w && fh === fw && sh === sw;
      if (field === 'shape') {
        if (layer.padding === 'same') {
          const axes = [`⌈${h}/${sh}⌉${full ? ` = ${oh}` : ''}`, ...(square ? [] : [`OW = ⌈${w}/${sw}⌉${full ? ` = ${ow}` : ''}`])];
          parts.push(`padding='same'인 풀링의 출력 크기는 ⌈H/S⌉입니다: OH = ${axes.join(', ')}. 채널 수는 그대로입니다.`);
        } else {
          parts.push(`풀링의 출력 크기도 OH = (H + 2P − FH)/S + 1을 따릅니다. 패딩이 없고(P = 0) 스트라이드는 풀 크기와 같으므로, 남는 줄은 버립니다(내림). 채널 수는 그대로입니다.`);
          const axes = [`OH = ⌊(${h} − ${fh})/${sh}⌋ + 1${full ? ` = ${oh}` : ''}`, ...(square ? [] : [`OW = ⌊(${w} − ${fw})/${sw}⌋ + 1${full ? ` = ${ow}` : ''}`])];
          parts.push(`입력 ${input}, FH = ${fh}, S = ${sh}: ${axes.join(', ')}.`);
        }
      } else {
        parts.push('풀링 층은 창 안의 최댓값(또는 평균)을 고를 뿐, 학습하는 가중치가 없습니다. 파라미터는 0개입니다.');
      }
      break;
    }
    case 'flatten':
      if (field === 'shape') {
        parts.push(`Flatten은 입력 ${input}의 값을 모두 한 줄로 늘어놓습니다. 길이는 배치 축을 뺀 크기들의 곱입니다: ${answer.input.join('·')}${full ? ` = ${group(answer.output[0]!)}` : ''}.`);
      } else {
        parts.push('Flatten은 값을 늘어놓는 방식만 바꿀 뿐 가중치가 없습니다. 파라미터는 0개입니다.');
      }
      break;
    case 'dense':
      if (field === 'shape') {
        parts.push(`Dense 층의 출력 길이는 뉴런 수(units)입니다. 이 층은 units = ${layer.units}입니다.`);
      } else {
        parts.push(`Dense 층의 파라미터 수는 입력 길이·units + units입니다: 뉴런마다 입력 하나에 가중치 하나씩과 절편 1개.`);
        parts.push(`입력 ${input}, units = ${layer.units}: ${answer.input[0]}·${layer.units} + ${layer.units}${full ? ` = ${group(answer.params)}` : ''}.`);
      }
      break;
    case 'dropout':
      if (field === 'shape') {
        parts.push(`Dropout은 학습 중에 값의 일부(비율 ${layer.rate})를 0으로 만들 뿐, 모양을 바꾸지 않습니다. 출력은 입력 ${input}과 같습니다.`);
      } else {
        parts.push('Dropout은 무엇을 끌지 무작위로 고를 뿐 학습하는 가중치가 없습니다. 파라미터는 0개입니다.');
      }
      break;
  }
  if (slip) parts.unshift(slip);
  if (full) parts.push(`정답: ${result}.`);
  return parts.join(' ');
}

/** A wrong parameter count that is a known slip, named. */
function paramsSlip(layer: PredictLayer, answer: LayerAnswer, typed: number | null): string | undefined {
  if (typed === null) return undefined;
  if (layer.type === 'conv2d') {
    const [fh, fw] = pair(layer.kernelSize);
    const c = answer.input[2]!;
    if (typed === fh * fw * c * layer.filters) return '절편(필터마다 1개)을 빠뜨렸습니다.';
    if (c !== 1 && typed === fh * fw * layer.filters + layer.filters) return '커널의 깊이(입력 채널 수)를 곱하지 않았습니다.';
  }
  if (layer.type === 'dense' && typed === answer.input[0]! * layer.units) return '절편(뉴런마다 1개)을 빠뜨렸습니다.';
  return undefined;
}

/** A wrong shape that is a known slip, named. */
function shapeSlip(layer: PredictLayer, answer: LayerAnswer, typed: number[] | null): string | undefined {
  if (!typed) return undefined;
  if (layer.type === 'conv2d' && typed.length === 3) {
    const other = { ...layer, padding: layer.padding === 'same' ? ('valid' as const) : ('same' as const) };
    const alt = inferLayersSafe(answer.input, other);
    if (alt && alt.join() === typed.join()) {
      return layer.padding === 'same' ? "padding='same'은 (스트라이드 1에서) 크기를 그대로 둡니다." : "padding='valid'(기본값)는 0을 덧붙이지 않아 크기가 줄어듭니다.";
    }
    if (typed[0] === answer.output[0] && typed[1] === answer.output[1] && typed[2] === answer.input[2]) return '합성곱의 출력 채널 수는 입력 채널이 아니라 필터 개수입니다.';
  }
  if ((layer.type === 'maxPooling2d' || layer.type === 'averagePooling2d') && typed.length === 3 && typed[2] !== answer.input[2]) {
    return '풀링은 채널(특성 맵의 개수)을 줄이지 않습니다.';
  }
  return undefined;
}

function inferLayersSafe(input: number[], layer: PredictLayer): number[] | undefined {
  try {
    return inferLayers(input, [layer])[0]!.output;
  } catch {
    return undefined;
  }
}

export interface PredictScore {
  answered: number;
  correct: number;
  total: number;
}

export function scoreText({ answered, correct, total }: PredictScore): string {
  if (answered === 0) return `${total}칸`;
  if (correct === total) return `${total}칸 모두 정답`;
  return `${total}칸 중 ${correct}칸 정답`;
}

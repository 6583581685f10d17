import { describe, expect, it } from 'vitest';
import { checkPredictProps, explain, formatShape, inferLayers, judge, layerLabel, parseCount, parseShape, scoreText, totalParams, type PredictLayer } from './layers.ts';

// Document 003, 8-2: the Fashion-MNIST CNN, 333,526 parameters.
const FASHION_003: PredictLayer[] = [
  { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'conv2d', filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 100, activation: 'relu' },
  { type: 'dropout', rate: 0.4 },
  { type: 'dense', units: 10, activation: 'softmax' },
];

// Document 001: the first Fashion-MNIST CNN (241,546) and the VGG-style one (5,240,842).
const FIRST_001: PredictLayer[] = [
  { type: 'conv2d', filters: 32, kernelSize: 3 },
  { type: 'maxPooling2d', poolSize: 2, strides: 2 },
  { type: 'conv2d', filters: 64, kernelSize: 3 },
  { type: 'maxPooling2d', poolSize: 2, strides: 2 },
  { type: 'conv2d', filters: 128, kernelSize: 3 },
  { type: 'flatten' },
  { type: 'dense', units: 128 },
  { type: 'dropout', rate: 0.3 },
  { type: 'dense', units: 10 },
];
const VGG_001: PredictLayer[] = [
  { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same' },
  { type: 'conv2d', filters: 64, kernelSize: 3, padding: 'same' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'dropout', rate: 0.5 },
  { type: 'conv2d', filters: 128, kernelSize: 3, padding: 'same' },
  { type: 'conv2d', filters: 256, kernelSize: 3, padding: 'valid' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'dropout', rate: 0.5 },
  { type: 'flatten' },
  { type: 'dense', units: 512 },
  { type: 'dropout', rate: 0.5 },
  { type: 'dense', units: 256 },
  { type: 'dropout', rate: 0.5 },
  { type: 'dense', units: 10 },
];

describe('inferLayers', () => {
  it("computes document 003's Fashion-MNIST CNN layer by layer (333,526 parameters)", () => {
    const answers = inferLayers([28, 28, 1], FASHION_003);
    expect(answers.map((a) => formatShape(a.output))).toEqual([
      '(None, 28, 28, 32)',
      '(None, 14, 14, 32)',
      '(None, 14, 14, 64)',
      '(None, 7, 7, 64)',
      '(None, 3136)',
      '(None, 100)',
      '(None, 100)',
      '(None, 10)',
    ]);
    expect(answers.map((a) => a.params)).toEqual([320, 0, 18_496, 0, 0, 313_700, 0, 1_010]);
    expect(totalParams(answers)).toBe(333_526);
  });

  it("computes document 001's two models: valid padding, floored pooling (241,546 and 5,240,842)", () => {
    const first = inferLayers([28, 28, 1], FIRST_001);
    expect(first.map((a) => a.output.join('×'))).toEqual(['26×26×32', '13×13×32', '11×11×64', '5×5×64', '3×3×128', '1152', '128', '128', '10']);
    expect(totalParams(first)).toBe(241_546);
    const vgg = inferLayers([28, 28, 1], VGG_001);
    expect(vgg[5]!.output).toEqual([12, 12, 256]);
    expect(vgg[8]!.output).toEqual([9216]);
    expect(vgg[9]!.params).toBe(4_719_104);
    expect(totalParams(vgg)).toBe(5_240_842);
  });

  it("follows TF.js for strides: 'same' is ⌈H/S⌉, 'valid' floors (document 004: 427 → 213)", () => {
    const one = (layer: PredictLayer) => inferLayers([427, 640, 3], [layer])[0]!.output;
    expect(one({ type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same' })).toEqual([214, 320, 8]);
    expect(one({ type: 'conv2d', filters: 8, kernelSize: 3, strides: 2 })).toEqual([213, 319, 8]);
    expect(one({ type: 'maxPooling2d' })).toEqual([213, 320, 3]);
    // Layers chain: the second sees the first's output.
    expect(inferLayers([427, 640, 3], [{ type: 'maxPooling2d' }, { type: 'maxPooling2d' }])[1]!.output).toEqual([106, 160, 3]);
  });

  it('refuses a model that cannot be built, naming the layer', () => {
    expect(() => inferLayers([28, 28, 1], [{ type: 'dense', units: 10 }])).toThrow(/layer 1 \(dense\).*flatten/);
    expect(() => inferLayers([2, 2, 1], [{ type: 'conv2d', filters: 1, kernelSize: 3 }])).toThrow(/does not fit/);
    expect(() => inferLayers([4, 4, 1], [{ type: 'conv1d' } as unknown as PredictLayer])).toThrow(/must be one of conv2d/);
  });
});

describe('reading answers', () => {
  it('reads shapes with or without the batch axis, in the ways people write them', () => {
    for (const text of ['(None, 28, 28, 32)', '28, 28, 32', '28×28×32', '28x28x32', ' [28 28 32] ', '(?, 28, 28, 32)']) {
      expect(parseShape(text), text).toEqual([28, 28, 32]);
    }
    expect(parseShape('(None, 3136)')).toEqual([3136]);
    expect(parseShape('')).toBeNull();
    expect(parseShape('None')).toBeNull();
    expect(parseShape('28, None, 3')).toBeNull();
  });

  it('reads counts with separators and 개', () => {
    expect(parseCount('18496')).toBe(18_496);
    expect(parseCount('18,496')).toBe(18_496);
    expect(parseCount('18 496개')).toBe(18_496);
    expect(parseCount('0')).toBe(0);
    expect(parseCount('약 18000')).toBeNull();
    expect(parseCount('1.5')).toBeNull();
  });

  it('judges a cell: empty, unreadable, right or wrong', () => {
    const [conv] = inferLayers([28, 28, 1], FASHION_003);
    expect(judge(conv!, 'shape', '')).toBe('empty');
    expect(judge(conv!, 'shape', '스물여덟')).toBe('unreadable');
    expect(judge(conv!, 'shape', '28, 28, 32')).toBe('right');
    expect(judge(conv!, 'shape', '26, 26, 32')).toBe('wrong');
    expect(judge(conv!, 'params', '320')).toBe('right');
    expect(judge(conv!, 'params', '288')).toBe('wrong');
  });
});

describe('explain', () => {
  const answers = inferLayers([28, 28, 1], FASHION_003);
  const at = (i: number) => [FASHION_003[i]!, answers[i]!] as const;

  it("fills the lesson's output-size formula with the layer's numbers, and gives the result only at stage 2", () => {
    const first = explain(...at(2), 'shape', 1, '12, 12, 64');
    expect(first).toContain('OH = (H + 2P − FH)/S + 1');
    expect(first).toContain('이 층의 입력은 (None, 14, 14, 32)');
    expect(first).toContain('OH = (14 + 2·1 − 3)/1 + 1');
    expect(first).not.toContain('(None, 14, 14, 64)');
    const second = explain(...at(2), 'shape', 2, '12, 12, 64');
    expect(second).toContain('OH = (14 + 2·1 − 3)/1 + 1 = 14');
    expect(second).toContain('정답: (None, 14, 14, 64).');
  });

  it('names a forgotten bias, padding read the wrong way and channels kept through a convolution', () => {
    expect(explain(...at(2), 'params', 1, '18432')).toMatch(/^절편\(필터마다 1개\)을 빠뜨렸습니다\. 합성곱 층의 파라미터 수는 FH·FW·C_in·C_out \+ C_out/);
    expect(explain(...at(2), 'params', 1, '18432')).toContain('3·3·32·64 + 64.');
    expect(explain(...at(2), 'params', 2, '18432')).toContain('3·3·32·64 + 64 = 18,496');
    expect(explain(...at(2), 'params', 1, '640')).toMatch(/^커널의 깊이/);
    expect(explain(...at(0), 'shape', 1, '26, 26, 32')).toMatch(/^padding='same'은/);
    expect(explain(...at(2), 'shape', 1, '14, 14, 32')).toMatch(/^합성곱의 출력 채널 수는/);
    expect(explain(...at(5), 'params', 1, '313600')).toMatch(/^절편\(뉴런마다 1개\)/);
    expect(explain(...at(5), 'params', 2, '313600')).toContain('3136·100 + 100 = 313,700');
  });

  it('explains pooling, flatten and dropout, which have no weights', () => {
    expect(explain(...at(1), 'shape', 2, '28, 28, 32')).toContain('OH = ⌊(28 − 2)/2⌋ + 1 = 14');
    expect(explain(...at(1), 'shape', 1, '14, 14, 16')).toMatch(/^풀링은 채널/);
    expect(explain(...at(1), 'params', 1, '4')).toContain('파라미터는 0개');
    expect(explain(...at(4), 'shape', 1, '448')).toContain('7·7·64.');
    expect(explain(...at(4), 'shape', 2, '448')).toContain('7·7·64 = 3,136');
    expect(explain(...at(6), 'shape', 1, '40')).toContain('입력 (None, 100)과 같습니다');
  });

  it("fills both axes in when height and width differ (document 004's 427×640 photo)", () => {
    const layers: PredictLayer[] = [{ type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same' }, { type: 'maxPooling2d' }, { type: 'conv2d', filters: 16, kernelSize: 3, strides: 2 }];
    const photo = inferLayers([427, 640, 3], layers);
    expect(photo.map((a) => a.output)).toEqual([[427, 640, 32], [213, 320, 32], [106, 159, 16]]);
    expect(explain(layers[0]!, photo[0]!, 'shape', 2)).toContain('OH = (427 + 2·1 − 3)/1 + 1 = 427, OW = (640 + 2·1 − 3)/1 + 1 = 640.');
    expect(explain(layers[1]!, photo[1]!, 'shape', 2)).toContain('OH = ⌊(427 − 2)/2⌋ + 1 = 213, OW = ⌊(640 − 2)/2⌋ + 1 = 320.');
    expect(explain(layers[2]!, photo[2]!, 'shape', 1)).toContain('OH = (213 + 2·0 − 3)/2 + 1, OW = ⌊(320 + 2·0 − 3)/2⌋ + 1.');
    expect(explain(layers[2]!, photo[2]!, 'shape', 2)).toContain('= 106, OW = ⌊(320 + 2·0 − 3)/2⌋ + 1 = 159.');
  });

  it('asks for a readable answer instead of explaining a number it could not read', () => {
    expect(explain(...at(0), 'shape', 1, '이십팔')).toMatch(/^읽을 수 없는 답입니다\. 모양은/);
    expect(explain(...at(0), 'params', 2, '약 300')).toMatch(/^읽을 수 없는 답입니다\. 파라미터 수는/);
  });
});

describe('labels and score', () => {
  it('names layers as the lesson tables do', () => {
    expect(FASHION_003.map(layerLabel)).toEqual([
      'Conv2D(32, 3×3, same, relu)',
      'MaxPooling2D(2×2)',
      'Conv2D(64, 3×3, same, relu)',
      'MaxPooling2D(2×2)',
      'Flatten',
      'Dense(100, relu)',
      'Dropout(0.4)',
      'Dense(10, softmax)',
    ]);
    expect(layerLabel({ type: 'conv2d', filters: 16, kernelSize: 3, strides: 2 })).toBe('Conv2D(16, 3×3, 스트라이드 2, valid)');
    expect(layerLabel({ type: 'dense', units: 10, label: '출력층' })).toBe('출력층');
  });

  it('says how many cells are right', () => {
    expect(scoreText({ answered: 0, correct: 0, total: 16 })).toBe('16칸');
    expect(scoreText({ answered: 5, correct: 3, total: 16 })).toBe('16칸 중 3칸 정답');
    expect(scoreText({ answered: 16, correct: 16, total: 16 })).toBe('16칸 모두 정답');
  });
});

describe('checkPredictProps', () => {
  it("accepts a block whose layers add up to the document's total", () => {
    expect(checkPredictProps({ id: 'fashion-cnn-003', input: [28, 28, 1], layers: FASHION_003, total: 333_526 })).toHaveLength(8);
  });

  it('fails the build with the reason, naming the block', () => {
    expect(() => checkPredictProps({ id: 'fashion-cnn-003', input: [28, 28, 1], layers: FASHION_003, total: 333_562 })).toThrow(
      '<Predict id="fashion-cnn-003">: the layers add up to 333526 parameters, not the document\'s 333562. See docs/authoring.md, "Predictions".',
    );
    expect(() => checkPredictProps({ id: 'Fashion CNN', input: [28, 28, 1], layers: FASHION_003 })).toThrow(/id must be lower-case/);
    expect(() => checkPredictProps({ id: 'x', input: [28, 28, 1], layers: [] })).toThrow(/non-empty/);
    expect(() => checkPredictProps({ id: 'x', input: [28, 28, 1], layers: [{ type: 'flatten', given: true }] })).toThrow(/nothing to predict/);
    expect(() => checkPredictProps({ id: 'x', input: [28, 28], layers: [{ type: 'conv2d', filters: 4, kernelSize: 3 }] })).toThrow(/<Predict id="x">: layer 1 \(conv2d\): needs a \(height, width, channels\) input/);
  });
});

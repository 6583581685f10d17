/**
 * Models that graders hand to learner functions (`{ $model: topology }` call arguments). Each is a
 * Keras topology whose initializers are seeded, so the runner and the grader build the very same
 * weights from it without any weight file (`modelFromTopology` in src/runtime/model-artifacts.ts).
 */

const glorot = (seed: number) => ({ class_name: 'GlorotUniform', config: { seed } });

/** Document 003's Fashion-MNIST CNN (333,526 parameters), untrained, with seeded weights. */
export function fashionCnnTopology(seed = 7): object {
  const conv = (filters: number, more: object, i: number) => ({
    class_name: 'Conv2D',
    config: { filters, kernel_size: [3, 3], padding: 'same', activation: 'relu', kernel_initializer: glorot(seed + i), ...more },
  });
  return {
    class_name: 'Sequential',
    config: {
      name: 'fashion_cnn_reference',
      layers: [
        conv(32, { batch_input_shape: [null, 28, 28, 1] }, 0),
        { class_name: 'MaxPooling2D', config: { pool_size: [2, 2] } },
        conv(64, {}, 1),
        { class_name: 'MaxPooling2D', config: { pool_size: [2, 2] } },
        { class_name: 'Flatten', config: {} },
        { class_name: 'Dense', config: { units: 100, activation: 'relu', kernel_initializer: glorot(seed + 2) } },
        { class_name: 'Dropout', config: { rate: 0.4 } },
        { class_name: 'Dense', config: { units: 10, activation: 'softmax', kernel_initializer: glorot(seed + 3) } },
      ],
    },
  };
}

/** A 28×28 grayscale test card in [0, 1]: a bright rounded blob with a darker band, like a garment's silhouette. */
export function testCardImage(): number[] {
  return Array.from({ length: 28 * 28 }, (_, i) => {
    const y = Math.floor(i / 28);
    const x = i % 28;
    const inside = ((x - 14) / 10) ** 2 + ((y - 15) / 12) ** 2 <= 1;
    if (!inside) return 0;
    return y >= 12 && y <= 15 ? 0.35 : Math.round((0.6 + 0.4 * Math.sin((x + y) / 5)) * 100) / 100;
  });
}

/**
 * Document 001's first Fashion-MNIST CNN (241,546 parameters; its convolutions have no activation),
 * untrained, with seeded weights and a seeded dropout: training it on the same batches gives the
 * same model in every run, so two trainings differ only by their data.
 */
export function fashionCnn001Topology(seed = 11): object {
  const conv = (filters: number, i: number, more: object = {}) => ({
    class_name: 'Conv2D',
    config: { filters, kernel_size: [3, 3], activation: 'linear', kernel_initializer: glorot(seed + i), ...more },
  });
  const pool = { class_name: 'MaxPooling2D', config: { pool_size: [2, 2] } };
  return {
    class_name: 'Sequential',
    config: {
      name: 'fashion_cnn_001_reference',
      layers: [
        conv(32, 0, { batch_input_shape: [null, 28, 28, 1] }),
        pool,
        conv(64, 1),
        pool,
        conv(128, 2),
        { class_name: 'Flatten', config: {} },
        { class_name: 'Dense', config: { units: 128, activation: 'relu', kernel_initializer: glorot(seed + 3) } },
        { class_name: 'Dropout', config: { rate: 0.3, seed: seed + 4 } },
        { class_name: 'Dense', config: { units: 10, activation: 'softmax', kernel_initializer: glorot(seed + 5) } },
      ],
    },
  };
}

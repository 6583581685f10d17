"""Native PyTorch baseline for `npm run bench`: the seed documents' CNNs (bench/models.ts), layer
for layer, trained on synthetic batches with Adam at batch 128 on a fixed number of CPU threads.
Prints one JSON object on stdout; bench/run.ts compares it with the browser's wasm figures.

    python3 bench/native/seed_models.py --threads 2 --steps 5 [--models lenet5-002,cnn-003]

The parameter counts are printed too: bench/run.ts refuses a ratio whose models differ.
"""
import argparse
import json
import re
import statistics
import time

import torch
from torch import nn

BATCH = 128
WARM_UP_STEPS, WARM_UP_S, MIN_TIMED_S = 10, 2.0, 1.0  # as in bench/measure.ts


def conv(c_in, c_out, k, padding="valid", relu=True):
    # Keras 'same' with stride 1 and an odd kernel pads (k - 1) / 2 on every side.
    layers = [nn.Conv2d(c_in, c_out, k, padding=(k - 1) // 2 if padding == "same" else 0)]
    return layers + [nn.ReLU()] if relu else layers


def pool():
    return [nn.MaxPool2d(2, 2)]


def dense(n_in, n_out, relu=True):
    return [nn.Linear(n_in, n_out)] + ([nn.ReLU()] if relu else [])


def classifier(n_in, *hidden):
    """Flatten, the hidden layers, a 10-way linear layer (the softmax is in the loss)."""
    width = next((layer.out_features for layer in reversed(hidden) if isinstance(layer, nn.Linear)), n_in)
    return [nn.Flatten(), *hidden, nn.Linear(width, 10)]


def lenet5_002():
    return nn.Sequential(*conv(1, 6, 5, "same"), *pool(), *conv(6, 16, 5), *pool(), *conv(16, 120, 5),
                         *classifier(120, *dense(120, 84)))


def cnn_003():
    return nn.Sequential(*conv(1, 32, 3, "same"), *pool(), *conv(32, 64, 3, "same"), *pool(),
                         *classifier(7 * 7 * 64, *dense(7 * 7 * 64, 100), nn.Dropout(0.4)))


def cnn_001():
    # The document's convolutions have no activation.
    return nn.Sequential(*conv(1, 32, 3, relu=False), *pool(), *conv(32, 64, 3, relu=False), *pool(),
                         *conv(64, 128, 3, relu=False),
                         *classifier(3 * 3 * 128, *dense(3 * 3 * 128, 128), nn.Dropout(0.3)))


def vgg_001():
    return nn.Sequential(*conv(1, 32, 3, "same"), *conv(32, 64, 3, "same"), *pool(), nn.Dropout(0.5),
                         *conv(64, 128, 3, "same"), *conv(128, 256, 3), *pool(), nn.Dropout(0.5),
                         *classifier(6 * 6 * 256, *dense(6 * 6 * 256, 512), nn.Dropout(0.5), *dense(512, 256), nn.Dropout(0.5)))


def bn_004():
    # Keras BatchNormalization after a dense layer normalizes its features; after a conv, its channels.
    return nn.Sequential(*conv(1, 32, 3, "same"), nn.BatchNorm2d(32, eps=1e-3, momentum=0.01), *pool(),
                         *conv(32, 64, 3), nn.BatchNorm2d(64, eps=1e-3, momentum=0.01), *pool(), nn.Dropout(0.4),
                         *conv(64, 128, 3, "same"), nn.Dropout(0.4),
                         nn.Flatten(), *dense(6 * 6 * 128, 512), nn.BatchNorm1d(512, eps=1e-3, momentum=0.01),
                         *dense(512, 256), nn.BatchNorm1d(256, eps=1e-3, momentum=0.01), nn.Linear(256, 10))


MODELS = {"lenet5-002": lenet5_002, "cnn-003": cnn_003, "cnn-001": cnn_001, "vgg-001": vgg_001, "bn-004": bn_004}


def parameter_counts(model):
    """Total parameters as Keras counts them: batch norm's running mean and variance are non-trainable weights."""
    trainable = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
    return trainable + buffers, buffers


def throughput(model_id, steps, budget_s):
    torch.manual_seed(0)
    model = MODELS[model_id]()
    params, non_trainable = parameter_counts(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    xs = torch.rand(BATCH, 1, 28, 28)
    ys = torch.randint(0, 10, (BATCH,))
    model.train()

    def step():
        started = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xs), ys)
        loss.backward()
        optimizer.step()
        loss.item()
        return time.perf_counter() - started

    # The same rule as bench/measure.ts: untimed warm-up (allocations, oneDNN primitive creation) of
    # at least one step, then up to WARM_UP_STEPS or WARM_UP_S; timed steps until both `steps` and MIN_TIMED_S.
    warm, warm_up_steps = step(), 1
    while warm_up_steps < WARM_UP_STEPS and warm < WARM_UP_S:
        warm += step()
        warm_up_steps += 1
    times, spent = [], 0.0
    while (len(times) < steps or spent < MIN_TIMED_S) and spent < budget_s:
        times.append(step())
        spent += times[-1]
    ms = statistics.median(times) * 1000
    return {"model": model_id, "params": params, "nonTrainableParams": non_trainable, "warmUpSteps": warm_up_steps, "steps": len(times),
            "msPerStep": round(ms, 1), "imagesPerSecond": round(BATCH / (ms / 1000), 1)}


def matmul_gflops():
    a, b = torch.rand(1024, 1024), torch.rand(1024, 1024)
    a @ b
    started = time.perf_counter()
    for _ in range(10):
        a @ b
    seconds = (time.perf_counter() - started) / 10
    return round(2 * 1024 ** 3 / seconds / 1e9, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of timed steps per model at most")
    parser.add_argument("--models", default=",".join(MODELS))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    config = torch.__config__.show()
    blas = re.search(r"BLAS_INFO=([^,\s]+)", config)
    results = [throughput(m, args.steps, args.budget) for m in args.models.split(",")]
    print(json.dumps({"torch": torch.__version__, "threads": args.threads, "blas": f"BLAS {blas.group(1) if blas else 'unknown'}",
                      "mkldnn": torch.backends.mkldnn.is_available(), "matmulGflops": matmul_gflops(),
                      "training": results}))


if __name__ == "__main__":
    main()

"""Native PyTorch cross-check for `npm run reproduce -- <model> --native`: trains one seed model
(bench/native/seed_models.py) with a document's recipe on exactly the images the course's engine
trains on, so that a gap between the course's figure and the document's can be told apart from a
fault of the engine. bench/reproduction/native.ts writes the splits and the recipe into a folder;
this prints one JSON line per epoch and a last one with the test figures.

    python3 bench/native/reproduce.py WORK_DIR

WORK_DIR holds recipe.json and, per split (train, validation, test), SPLIT-images.u8 (N × 784
pixels) and SPLIT-labels.u8 (N labels). As Keras does: Glorot-uniform kernels and zero biases,
Adam or RMSprop with epsilon 1e-7, the training data reshuffled every epoch, training loss and
accuracy averaged over the epoch's batches, early stopping on validation loss.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

from seed_models import MODELS, parameter_counts


def read_split(work, name):
    labels = np.fromfile(os.path.join(work, f"{name}-labels.u8"), dtype=np.uint8)
    if labels.size == 0:
        return None
    images = np.fromfile(os.path.join(work, f"{name}-images.u8"), dtype=np.uint8)
    xs = torch.from_numpy(images.reshape(-1, 1, 28, 28).astype(np.float32) / 255.0)
    return xs, torch.from_numpy(labels.astype(np.int64))


def keras_init(model):
    for layer in model.modules():
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)


def make_optimizer(recipe, params):
    if recipe["optimizer"] == "adam":
        return torch.optim.Adam(params, lr=recipe["learningRate"], eps=1e-7)
    # Keras RMSprop: rho 0.9, epsilon 1e-7.
    return torch.optim.RMSprop(params, lr=recipe["learningRate"], alpha=0.9, eps=1e-7)


def evaluate(model, split, loss_fn, batch=256):
    model.eval()
    xs, ys = split
    loss, correct = 0.0, 0
    with torch.no_grad():
        for at in range(0, len(ys), batch):
            out = model(xs[at:at + batch])
            loss += loss_fn(out, ys[at:at + batch]).item() * len(out)
            correct += (out.argmax(1) == ys[at:at + batch]).sum().item()
    return loss / len(ys), correct / len(ys)


def main(work):
    with open(os.path.join(work, "recipe.json")) as f:
        recipe = json.load(f)
    torch.set_num_threads(recipe["threads"])
    torch.manual_seed(recipe["seed"])
    shuffle = np.random.default_rng(recipe["seed"])
    train, validation, test = (read_split(work, name) for name in ("train", "validation", "test"))

    model = MODELS[recipe["model"]]()
    keras_init(model)
    params, non_trainable = parameter_counts(model)
    optimizer = make_optimizer(recipe, model.parameters())
    loss_fn = nn.CrossEntropyLoss()
    print(json.dumps({"params": params, "nonTrainableParams": non_trainable, "torch": torch.__version__,
                      "threads": torch.get_num_threads()}), flush=True)

    patience = recipe.get("patience")
    best_loss, best_state, best_epoch, wait = float("inf"), None, 0, 0
    xs, ys = train
    batch = recipe["batchSize"]
    for epoch in range(1, recipe["epochs"] + 1):
        started = time.perf_counter()
        model.train()
        order = torch.from_numpy(shuffle.permutation(len(ys)))
        loss_sum, correct = 0.0, 0
        for at in range(0, len(ys), batch):
            take = order[at:at + batch]
            optimizer.zero_grad(set_to_none=True)
            out = model(xs[take])
            loss = loss_fn(out, ys[take])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(take)
            correct += (out.argmax(1) == ys[take]).sum().item()
        record = {"epoch": epoch, "loss": loss_sum / len(ys), "accuracy": correct / len(ys)}
        if validation is not None:
            record["valLoss"], record["valAccuracy"] = evaluate(model, validation, loss_fn)
        record["seconds"] = time.perf_counter() - started
        print(json.dumps(record), flush=True)
        if patience is not None and validation is not None:
            if record["valLoss"] < best_loss:
                best_loss, best_epoch, wait = record["valLoss"], epoch, 0
                if recipe.get("restoreBestWeights"):
                    best_state = {k: v.clone() for k, v in model.state_dict().items()}
            else:
                wait += 1
            if wait >= patience:
                break
    kept = epoch
    if best_state is not None:
        model.load_state_dict(best_state)
        kept = best_epoch
    test_loss, test_accuracy = evaluate(model, test, loss_fn)
    print(json.dumps({"testLoss": test_loss, "testAccuracy": test_accuracy, "keptEpoch": kept,
                      "stoppedEarly": patience is not None and wait >= patience}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])

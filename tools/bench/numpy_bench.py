"""The NumPy side of `make bench`: the operations of the JMH benchmarks in tools/bench/src, written the
straightforward NumPy way (whole-array operations, as in a CS231n assignment), timed like timeit.

Run alone it prints JSON: [{"op": ..., "shape": ..., "seconds": median per call}, ...].
Both sides run on one thread: the course library has no threads, so OpenBLAS gets none either.
"""

import gzip
import json
import os
import statistics
import sys
import timeit
from pathlib import Path

# Must be set before NumPy loads OpenBLAS.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
BATCHNORM_SHAPES = [(256, 1024), (1024, 1024), (4096, 512)]
SOFTMAX_SHAPES = [(1024, 10), (4096, 1000)]
# The network of EpochBench.java: 64 -> 64 -> 32 -> 10, batch norm and ReLU on both hidden layers.
HIDDEN = (64, 32)
BATCH = 64
LEARNING_RATE = 1e-3
TRAIN_FRACTION, VALIDATION_FRACTION = 0.6, 0.2
EPS = 1e-5
AVERAGING_BETA = 0.9
# Medians over this many timings of autorange-sized loops (each at least 0.2 s), as `python -m timeit` does.
REPEAT = 9


def batchnorm_forward(x, gamma, beta, running_mean, running_var):
    """Train-mode forward: batch statistics, and the running averages updated in place."""
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    inv_std = 1.0 / np.sqrt(var + EPS)
    xhat = (x - mu) * inv_std
    out = gamma * xhat + beta
    running_mean *= AVERAGING_BETA
    running_mean += (1.0 - AVERAGING_BETA) * mu
    running_var *= AVERAGING_BETA
    running_var += (1.0 - AVERAGING_BETA) * var
    return out, (xhat, inv_std)


def batchnorm_backward(dout, gamma, cache):
    """The closed-form backward pass, the same formula as BatchNorm.backwardSimplified."""
    xhat, inv_std = cache
    n = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = (gamma * inv_std / n) * (n * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def softmax_cross_entropy(z, labels):
    """Mean loss from the logits and its gradient (probs - onehot) / N."""
    n = z.shape[0]
    rows = np.arange(n)
    shifted = z - z.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    sums = exp.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(sums[:, 0]) - shifted[rows, labels])
    dz = exp / sums
    dz[rows, labels] -= 1.0
    dz /= n
    return loss, dz


class Adam:
    """Adam with the paper's defaults, one pair of moments per parameter."""

    def __init__(self, params, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
        self.rate, self.beta1, self.beta2, self.eps = learning_rate, beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        c1 = 1.0 / (1.0 - self.beta1 ** self.t)
        c2 = 1.0 / (1.0 - self.beta2 ** self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            p -= self.rate * (m * c1) / (np.sqrt(v * c2) + self.eps)


class Network:
    """Affine (no bias) -> batch norm -> ReLU per hidden layer, then affine with bias; He initialization."""

    def __init__(self, sizes, rng):
        self.weights = [rng.standard_normal((a, b)) * np.sqrt(2.0 / a) for a, b in zip(sizes[:-1], sizes[1:])]
        self.gammas = [np.ones(h) for h in sizes[1:-1]]
        self.betas = [np.zeros(h) for h in sizes[1:-1]]
        self.running = [(np.zeros(h), np.ones(h)) for h in sizes[1:-1]]
        self.bias = np.zeros(sizes[-1])

    def params(self):
        return self.weights + self.gammas + self.betas + [self.bias]

    def gradients(self, x, labels):
        """Train-mode forward, loss, backward: the gradients in the order of params()."""
        caches = []
        a = x
        for w, gamma, beta, (rm, rv) in zip(self.weights, self.gammas, self.betas, self.running):
            z, bn_cache = batchnorm_forward(a @ w, gamma, beta, rm, rv)
            caches.append((a, bn_cache, z))
            a = np.maximum(z, 0.0)
        loss, dlogits = softmax_cross_entropy(a @ self.weights[-1] + self.bias, labels)
        dws = [a.T @ dlogits]
        dbias = dlogits.sum(axis=0)
        da = dlogits @ self.weights[-1].T
        dgammas, dbetas = [], []
        for layer in reversed(range(len(caches))):
            a_in, bn_cache, z = caches[layer]
            dz, dgamma, dbeta = batchnorm_backward(da * (z > 0), self.gammas[layer], bn_cache)
            dws.insert(0, a_in.T @ dz)
            dgammas.insert(0, dgamma)
            dbetas.insert(0, dbeta)
            da = dz @ self.weights[layer].T
        return loss, dws + dgammas + dbetas + [dbias]

    def evaluate(self, x, labels):
        """Test-mode loss and accuracy."""
        a = x
        for w, gamma, beta, (rm, rv) in zip(self.weights, self.gammas, self.betas, self.running):
            a = np.maximum(gamma * (a @ w - rm) / np.sqrt(rv + EPS) + beta, 0.0)
        logits = a @ self.weights[-1] + self.bias
        loss, _ = softmax_cross_entropy(logits, labels)
        return loss, np.mean(logits.argmax(axis=1) == labels)


def digits():
    """data/digits.csv.gz as standardized train and validation sets of Split.of(data, 0.6, 0.2, seed)'s sizes."""
    with gzip.open(ROOT / "data" / "digits.csv.gz", "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    x, y = table[:, :-1], table[:, -1].astype(np.int64)
    order = np.random.default_rng(0).permutation(len(y))
    n_train = round(len(y) * TRAIN_FRACTION)
    n_val = round(len(y) * VALIDATION_FRACTION)
    train, val = order[:n_train], order[n_train:n_train + n_val]
    mean, std = x[train].mean(axis=0), x[train].std(axis=0)
    std[std < 1e-12] = 1.0
    return (x[train] - mean) / std, y[train], (x[val] - mean) / std, y[val]


class EpochRunner:
    """Trainer.train(1) in NumPy: shuffle, one Adam step per mini-batch, then evaluate both sets."""

    def __init__(self):
        self.x, self.y, self.x_val, self.y_val = digits()
        self.rng = np.random.default_rng(0)
        self.net = Network((self.x.shape[1],) + HIDDEN + (10,), self.rng)
        self.adam = Adam(self.net.params(), LEARNING_RATE)

    def epoch(self):
        order = self.rng.permutation(len(self.y))
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            _, grads = self.net.gradients(self.x[batch], self.y[batch])
            self.adam.step(self.net.params(), grads)
        return self.net.evaluate(self.x, self.y), self.net.evaluate(self.x_val, self.y_val)


def median_seconds(call, quick):
    """Median seconds per call; quick: one untimed-quality call, to check that the code runs."""
    timer = timeit.Timer(call)
    if quick:
        return timer.timeit(number=1)
    call()
    number, _ = timer.autorange()
    return statistics.median(t / number for t in timer.repeat(repeat=REPEAT, number=number))


def run_batchnorm(quick=False):
    rng = np.random.default_rng(1)
    results = []
    for n, d in BATCHNORM_SHAPES:
        x, dout = rng.standard_normal((n, d)), rng.standard_normal((n, d))
        gamma, beta, rm, rv = np.ones(d), np.zeros(d), np.zeros(d), np.ones(d)

        def step():
            _, cache = batchnorm_forward(x, gamma, beta, rm, rv)
            return batchnorm_backward(dout, gamma, cache)

        results.append({"op": "batchnorm", "shape": f"{n}x{d}", "seconds": median_seconds(step, quick)})
    return results


def run_softmax_cross_entropy(quick=False):
    rng = np.random.default_rng(2)
    results = []
    for n, c in SOFTMAX_SHAPES:
        z, labels = rng.standard_normal((n, c)), rng.integers(0, c, n)
        results.append({"op": "softmax_cross_entropy", "shape": f"{n}x{c}",
                        "seconds": median_seconds(lambda: softmax_cross_entropy(z, labels), quick)})
    return results


def run_epoch(quick=False):
    runner = EpochRunner()
    return [{"op": "epoch", "shape": "digits", "seconds": median_seconds(runner.epoch, quick)}]


def run(quick=False):
    """Times every benchmark; returns [{"op", "shape", "seconds"}]."""
    return run_batchnorm(quick) + run_softmax_cross_entropy(quick) + run_epoch(quick)


if __name__ == "__main__":
    json.dump(run(quick="--quick" in sys.argv[1:]), sys.stdout, indent=1)
    print()

"""The benchmark workloads, shared by bench/numpy_*.py and bench/torch_*.py; NnLab.Bench builds the same ones.

digits: sklearn's load_digits exported by run.sh (pixels / 16), 64-128-64-10 relu, softmax cross-entropy, lr 0.1,
        50 epochs, He weights from np.random.seed(1), zero biases.
wide:   np.random.RandomState(7).randn(784, 8192), class of example j = j mod 10, 784-512-512-10 relu,
        softmax cross-entropy, lr 0.01, 3 epochs, He weights from np.random.seed(1).
Mini-batch variants shuffle each epoch with np.random.RandomState(seed + 1).permutation(m).
Precision: data and weights are drawn in float64 and, for float32, rounded once (astype), as NnLab's
training.precision: float32 does; every array after that is of the run's dtype.
"""
import numpy as np

DTYPES = {"float64": np.float64, "float32": np.float32}

WORKLOADS = {
    "digits": dict(data="digits", units=[128, 64, 10], lr=0.1, epochs=50, batch=0, seed=1),
    "digits-mb64": dict(data="digits", units=[128, 64, 10], lr=0.1, epochs=50, batch=64, seed=1),
    "wide": dict(data="wide", units=[512, 512, 10], lr=0.01, epochs=3, batch=0, seed=1),
    "wide-mb128": dict(data="wide", units=[512, 512, 10], lr=0.01, epochs=3, batch=128, seed=1),
}


def load(name, digits_csv, dtype=np.float64):
    """Inputs (features × m) and one-hot targets (10 × m) of dtype, C-contiguous; integer labels."""
    if name == "digits":
        raw = np.loadtxt(digits_csv, delimiter=",", skiprows=1)
        x = np.ascontiguousarray(raw[:, :64].T)
        labels = raw[:, 64].astype(int)
    else:
        x = np.random.RandomState(7).randn(784, 8192)
        labels = np.arange(8192) % 10
    y = np.zeros((10, x.shape[1]), dtype=dtype)
    y[labels, np.arange(x.shape[1])] = 1.0
    return x.astype(dtype, copy=False), y, labels


def he_weights(sizes, seed, dtype=np.float64):
    """randn(n_out, n_in) * sqrt(2 / n_in) per layer, drawn in order from np.random.seed(seed) in float64, then
    rounded once to dtype; zero biases."""
    np.random.seed(seed)
    weights = [(np.random.randn(n_out, n_in) * np.sqrt(2.0 / n_in)).astype(dtype, copy=False)
               for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros((n_out, 1), dtype=dtype) for n_out in sizes[1:]]
    return weights, biases


def gemm_flops(sizes, m, epochs):
    """Matrix-product flops of the timed region: each epoch's forward and backward, plus a final forward pass."""
    forward = sum(2.0 * a * b for a, b in zip(sizes[:-1], sizes[1:]))
    input_grads = sum(2.0 * a * b for a, b in list(zip(sizes[:-1], sizes[1:]))[1:])
    return m * (epochs * (2 * forward + input_grads) + forward)

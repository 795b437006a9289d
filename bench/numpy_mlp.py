"""NumPy training of the digits / wide workloads (see workloads.py), written for speed: preallocated activation and
gradient buffers per batch shape, BLAS products into out= buffers, in-place element-wise passes, no Python loop over
examples. --precision float32 makes every array float32 (data and weights drawn in float64, rounded once).
Prints one JSON line: median wall time of Trainer-equivalent runs (all epochs + a final forward pass)."""
import argparse, json, os, sys, time
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from workloads import DTYPES, WORKLOADS, load, he_weights, gemm_flops


class Buffers:
    """Activations Z, A and gradient buffers for one batch size, of the run's dtype."""
    def __init__(self, sizes, m, dtype):
        self.z = [np.empty((n, m), dtype) for n in sizes[1:]]
        self.a = [np.empty((n, m), dtype) for n in sizes[1:-1]]
        self.dz = [np.empty((n, m), dtype) for n in sizes[1:]]
        self.e = np.empty((sizes[-1], m), dtype)
        self.mask = [np.empty((n, m), dtype=bool) for n in sizes[1:-1]]


def forward(w, b, x, buf):
    a = x
    last = len(w) - 1
    for l in range(len(w)):
        z = buf.z[l]
        np.dot(w[l], a, out=z)
        z += b[l]
        if l < last:
            np.maximum(z, 0.0, out=buf.a[l])
            a = buf.a[l]
    return buf.z[last]


def softmax_ce(z, y, buf, gradient):
    """1/m * sum(logsumexp(z) - z[y]); writes (softmax(z) - y) / m into buf.dz[-1] when gradient is set."""
    m = z.shape[1]
    zmax = z.max(axis=0, keepdims=True)
    e = buf.e
    np.subtract(z, zmax, out=e)
    np.exp(e, out=e)
    s = e.sum(axis=0, keepdims=True)
    lse = zmax + np.log(s)
    cost = float(np.sum(y * (lse - z))) / m
    if gradient:
        g = buf.dz[-1]
        np.divide(e, s, out=g)
        g -= y
        g /= m
    return cost


def train(x, y, units, lr, epochs, batch, seed):
    sizes = [x.shape[0]] + units
    dtype = x.dtype.type
    lr = dtype(lr)  # a scalar of the run's dtype, so no update widens to float64
    w, b = he_weights(sizes, seed, dtype)
    dw = [np.empty_like(v) for v in w]
    m = x.shape[1]
    batch = m if batch <= 0 or batch >= m else batch
    buffers = {}

    def buffers_for(n):
        if n not in buffers:
            buffers[n] = Buffers(sizes, n, dtype)
        return buffers[n]

    def step(xb, yb):
        buf = buffers_for(xb.shape[1])
        z = forward(w, b, xb, buf)
        cost = softmax_ce(z, yb, buf, True)
        dz = buf.dz[-1]
        for l in range(len(w) - 1, -1, -1):
            a_prev = xb if l == 0 else buf.a[l - 1]
            np.dot(dz, a_prev.T, out=dw[l])
            db = dz.sum(axis=1, keepdims=True)
            if l > 0:
                dz_prev = buf.dz[l - 1]
                np.dot(w[l].T, dz, out=dz_prev)
                np.greater(buf.z[l - 1], 0.0, out=buf.mask[l - 1])
                dz_prev *= buf.mask[l - 1]
                dz = dz_prev
            w[l] -= lr * dw[l]
            b[l] -= lr * db
        return cost

    shuffle = np.random.RandomState(seed + 1)
    xb_full = np.empty((x.shape[0], batch), dtype); yb_full = np.empty((y.shape[0], batch), dtype)
    rest = m - (m - 1) // batch * batch
    xb_last = np.empty((x.shape[0], rest), dtype); yb_last = np.empty((y.shape[0], rest), dtype)
    cost = float("nan")
    for epoch in range(epochs):
        if batch == m:
            cost = step(x, y)
            continue
        order = shuffle.permutation(m)
        weighted = 0.0
        for start in range(0, m, batch):
            idx = order[start:start + batch]
            xb, yb = (xb_full, yb_full) if len(idx) == batch else (xb_last, yb_last)
            np.take(x, idx, axis=1, out=xb)
            np.take(y, idx, axis=1, out=yb)
            weighted += step(xb, yb) * len(idx)
        cost = weighted / m
    final = softmax_ce(forward(w, b, x, buffers_for(m)), y, buffers_for(m), False)
    return cost, final


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("--digits")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--precision", choices=sorted(DTYPES), default="float64")
    args = p.parse_args()
    spec = WORKLOADS[args.workload]
    x, y, _ = load(spec["data"], args.digits, DTYPES[args.precision])
    run = lambda epochs: train(x, y, spec["units"], spec["lr"], epochs, spec["batch"], spec["seed"])
    run(max(1, min(3, spec["epochs"] // 3)))  # warm-up: BLAS threads, page faults (as NnLab.Bench)
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        _, final = run(spec["epochs"])
        times.append(time.perf_counter() - t0)
    threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "0"))
    print(json.dumps(dict(workload=args.workload, implementation="numpy", precision=args.precision, threads=threads,
                          epochs=spec["epochs"],
                          examples=x.shape[1], batch_size=spec["batch"], median_s=sorted(times)[len(times) // 2],
                          times_s=times, gemm_flops=gemm_flops([x.shape[0]] + spec["units"], x.shape[1], spec["epochs"]),
                          final_cost=final)))


if __name__ == "__main__":
    main()

"""PyTorch training of the digits / wide workloads (see workloads.py), as a PyTorch user writes it: float64 (or float32
with --precision float32: every tensor float32), examples as rows (the layout PyTorch is built for), F.linear / F.relu /
F.cross_entropy, autograd, plain SGD under no_grad. Same initial weights (numpy He draws, rounded once for float32),
same data, same shuffled batches. Prints one JSON line."""
import argparse, json, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from workloads import DTYPES, WORKLOADS, load, he_weights, gemm_flops


def train(x, labels, units, lr, epochs, batch, seed, dtype):
    sizes = [x.shape[1]] + units
    w0, b0 = he_weights(sizes, seed, dtype)
    w = [torch.tensor(v, requires_grad=True) for v in w0]
    b = [torch.tensor(v.ravel(), requires_grad=True) for v in b0]
    params = w + b
    m = x.shape[0]
    batch = m if batch <= 0 or batch >= m else batch

    def forward(xb):
        a = xb
        for l in range(len(w)):
            a = F.linear(a, w[l], b[l])
            if l < len(w) - 1:
                a = F.relu(a)
        return a

    def step(xb, yb):
        loss = F.cross_entropy(forward(xb), yb)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
                p.grad = None
        return float(loss)

    shuffle = np.random.RandomState(seed + 1)
    cost = float("nan")
    for epoch in range(epochs):
        if batch == m:
            cost = step(x, labels)
            continue
        order = torch.from_numpy(shuffle.permutation(m))
        weighted = 0.0
        for start in range(0, m, batch):
            idx = order[start:start + batch]
            weighted += step(x.index_select(0, idx), labels.index_select(0, idx)) * len(idx)
        cost = weighted / m
    with torch.no_grad():
        final = float(F.cross_entropy(forward(x), labels))
    return cost, final


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("--digits")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--precision", choices=sorted(DTYPES), default="float64")
    args = p.parse_args()
    threads = int(os.environ.get("OMP_NUM_THREADS", "1"))
    torch.set_num_threads(threads)
    spec = WORKLOADS[args.workload]
    dtype = DTYPES[args.precision]
    xn, _, labels = load(spec["data"], args.digits, dtype)
    x = torch.from_numpy(np.ascontiguousarray(xn.T))
    y = torch.from_numpy(labels.astype(np.int64))
    run = lambda epochs: train(x, y, spec["units"], spec["lr"], epochs, spec["batch"], spec["seed"], dtype)
    run(max(1, min(3, spec["epochs"] // 3)))  # warm-up (as NnLab.Bench)
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        _, final = run(spec["epochs"])
        times.append(time.perf_counter() - t0)
    print(json.dumps(dict(workload=args.workload, implementation="pytorch", precision=args.precision, threads=threads,
                          epochs=spec["epochs"],
                          examples=int(x.shape[0]), batch_size=spec["batch"], median_s=sorted(times)[len(times) // 2],
                          times_s=times, gemm_flops=gemm_flops([xn.shape[0]] + spec["units"], xn.shape[1], spec["epochs"]),
                          final_cost=final)))


if __name__ == "__main__":
    main()

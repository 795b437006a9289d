"""The tutorial's XOR network in PyTorch, as a PyTorch user writes it: float64 tensors with autograd, the same xavier
weights (drawn with numpy's seed 48), half squared error, plain SGD update under no_grad. Times the training loop."""
import argparse, json, os, time
import numpy as np
import torch


def train(epochs):
    np.random.seed(48)
    X = torch.tensor([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=torch.float64)
    Y = torch.tensor([[0, 1, 1, 0]], dtype=torch.float64)
    m = X.shape[1]
    W1 = torch.tensor(np.random.randn(3, 2) / np.sqrt(2), requires_grad=True)
    b1 = torch.zeros((3, 1), dtype=torch.float64, requires_grad=True)
    W2 = torch.tensor(np.random.randn(1, 3) / np.sqrt(3), requires_grad=True)
    b2 = torch.zeros((1, 1), dtype=torch.float64, requires_grad=True)
    params = [W1, b1, W2, b2]
    t0 = time.perf_counter()
    for epoch in range(epochs):
        A1 = torch.sigmoid(W1 @ X + b1)
        A2 = torch.sigmoid(W2 @ A1 + b2)
        cost = ((Y - A2) ** 2).sum() / (2 * m)
        cost.backward()
        with torch.no_grad():
            for p in params:
                p -= 1.0 * p.grad
                p.grad = None
    elapsed = time.perf_counter() - t0
    with torch.no_grad():
        A2 = torch.sigmoid(W2 @ torch.sigmoid(W1 @ X + b1) + b2)
        final = float(((Y - A2) ** 2).sum() / (2 * m))
    return elapsed, final


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeats", type=int, default=5)
    args = p.parse_args()
    threads = int(os.environ.get("OMP_NUM_THREADS", "1"))
    torch.set_num_threads(threads)
    train(200)
    runs = [train(5000) for _ in range(args.repeats)]
    times = [t for t, _ in runs]
    print(json.dumps(dict(workload="xor", implementation="pytorch", precision="float64", threads=threads, epochs=5000,
                          examples=4, batch_size=0,
                          median_s=sorted(times)[len(times) // 2], times_s=times,
                          gemm_flops=4 * (5000 * (2 * 18 + 6) + 18), final_cost=runs[-1][1])))


if __name__ == "__main__":
    main()

"""The tutorial's XOR loop in NumPy (2-3-1 sigmoid, xavier from np.random.seed(48), lr 1, 5000 full-batch epochs), as
tests/reference/xor_tutorial.py writes it. Times the training loop only. With --once it trains once and prints the last
cost (for timing the whole process)."""
import argparse, json, os, time
import numpy as np


def train(epochs):
    np.random.seed(48)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    Y = np.array([[0, 1, 1, 0]], dtype=float)
    m = X.shape[1]
    W1 = np.random.randn(3, 2) / np.sqrt(2)
    b1 = np.zeros((3, 1))
    W2 = np.random.randn(1, 3) / np.sqrt(3)
    b2 = np.zeros((1, 1))
    t0 = time.perf_counter()
    for epoch in range(epochs):
        Z1 = np.dot(W1, X) + b1
        A1 = 1 / (1 + np.exp(-Z1))
        Z2 = np.dot(W2, A1) + b2
        A2 = 1 / (1 + np.exp(-Z2))
        cost = np.squeeze((1 / (2 * m)) * np.sum(np.square(Y - A2)))
        dA2 = -1 / m * (Y - A2)
        dZ2 = dA2 * A2 * (1 - A2)
        dW2 = np.dot(dZ2, A1.T); db2 = np.sum(dZ2, axis=1, keepdims=True); dA1 = np.dot(W2.T, dZ2)
        dZ1 = dA1 * A1 * (1 - A1)
        dW1 = np.dot(dZ1, X.T); db1 = np.sum(dZ1, axis=1, keepdims=True)
        W2 = W2 - 1 * dW2; b2 = b2 - 1 * db2
        W1 = W1 - 1 * dW1; b1 = b1 - 1 * db1
    elapsed = time.perf_counter() - t0
    A2 = 1 / (1 + np.exp(-(np.dot(W2, 1 / (1 + np.exp(-(np.dot(W1, X) + b1)))) + b2)))
    return elapsed, float(np.sum(np.square(Y - A2)) / (2 * m))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--once", action="store_true")
    args = p.parse_args()
    if args.once:
        print(train(5000)[1])
        return
    train(200)  # warm-up
    runs = [train(5000) for _ in range(args.repeats)]
    times = [t for t, _ in runs]
    print(json.dumps(dict(workload="xor", implementation="numpy", precision="float64",
                          threads=int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
                          epochs=5000, examples=4, batch_size=0, median_s=sorted(times)[len(times) // 2], times_s=times,
                          gemm_flops=4 * (5000 * (2 * 18 + 6) + 18), final_cost=runs[-1][1])))


if __name__ == "__main__":
    main()

"""The tutorial's XOR loop in float32: the same float64 initial draws rounded once to float32 (as NnLab's
precision: float32 does), then every array float32. Prints the cost at epoch 4900 and the last one, for a tolerance
check of NnLab's float32 path against NumPy's (not bit for bit: NumPy's float32 dot goes through BLAS sgemm)."""
import numpy as np

f32 = np.float32
np.random.seed(48)
X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=f32)
Y = np.array([[0, 1, 1, 0]], dtype=f32)
m = X.shape[1]
W1 = (np.random.randn(3, 2) / np.sqrt(2)).astype(f32)
b1 = np.zeros((3, 1), dtype=f32)
W2 = (np.random.randn(1, 3) / np.sqrt(3)).astype(f32)
b2 = np.zeros((1, 1), dtype=f32)
one, half_over_m, minus_over_m = f32(1), f32(1 / (2 * m)), f32(-1 / m)
for epoch in range(5000):
    A1 = one / (one + np.exp(-(np.dot(W1, X) + b1)))
    A2 = one / (one + np.exp(-(np.dot(W2, A1) + b2)))
    cost = half_over_m * np.sum(np.square(Y - A2))
    if epoch == 4900:
        print("epoch 4900", repr(float(cost)))
    dZ2 = minus_over_m * (Y - A2) * A2 * (one - A2)
    dZ1 = np.dot(W2.T, dZ2) * A1 * (one - A1)
    W2 = W2 - np.dot(dZ2, A1.T); b2 = b2 - np.sum(dZ2, axis=1, keepdims=True)
    W1 = W1 - np.dot(dZ1, X.T); b1 = b1 - np.sum(dZ1, axis=1, keepdims=True)
    assert W1.dtype == f32 and A2.dtype == f32
print("last", repr(float(cost)))

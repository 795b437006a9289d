"""The "Nothing but NumPy" XOR loop (2-3-1, xavier, seed 48, lr 1, 5000 epochs), written as the tutorial writes it.
Prints every 100th cost and the final outputs, so NnLab's numbers can be checked against a NumPy run."""
import numpy as np

np.random.seed(48)
X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
Y = np.array([[0, 1, 1, 0]], dtype=float)
m = X.shape[1]
W1 = np.random.randn(3, 2) / np.sqrt(2)
b1 = np.zeros((3, 1))
W2 = np.random.randn(1, 3) / np.sqrt(3)
b2 = np.zeros((1, 1))
for epoch in range(5000):
    Z1 = np.dot(W1, X) + b1
    A1 = 1 / (1 + np.exp(-Z1))
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    cost = np.squeeze((1 / (2 * m)) * np.sum(np.square(Y - A2)))
    dA2 = -1 / m * (Y - A2)
    if epoch % 100 == 0:
        print("Cost at epoch#{:}: {}".format(epoch, cost))
    dZ2 = dA2 * A2 * (1 - A2)
    dW2 = np.dot(dZ2, A1.T); db2 = np.sum(dZ2, axis=1, keepdims=True); dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * A1 * (1 - A1)
    dW1 = np.dot(dZ1, X.T); db1 = np.sum(dZ1, axis=1, keepdims=True)
    W2 = W2 - 1 * dW2; b2 = b2 - 1 * db2
    W1 = W1 - 1 * dW1; b1 = b1 - 1 * db1
print("last", repr(float(cost)))
print("outputs", [repr(v) for v in A2.ravel()])

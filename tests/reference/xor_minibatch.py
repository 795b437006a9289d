"""The tutorial's XOR network (2-3-1 sigmoid, xavier, seed 48, lr 1) trained on mini-batches of 3 (a batch of 3 and a
batch of 1 per epoch), shuffled each epoch with np.random.RandomState(48 + 1).permutation(4). The epoch cost is the
mean of the batch costs weighted by batch size, each taken before its batch's update. Prints the costs NnLab's
mini-batch test asserts."""
import numpy as np

np.random.seed(48)
X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
Y = np.array([[0, 1, 1, 0]], dtype=float)
m = X.shape[1]
W1 = np.random.randn(3, 2) / np.sqrt(2)
b1 = np.zeros((3, 1))
W2 = np.random.randn(1, 3) / np.sqrt(3)
b2 = np.zeros((1, 1))
shuffle = np.random.RandomState(48 + 1)
batch = 3
for epoch in range(1000):
    order = shuffle.permutation(m)
    weighted = 0.0
    for start in range(0, m, batch):
        idx = order[start:start + batch]
        x, y = X[:, idx], Y[:, idx]
        n = x.shape[1]
        Z1 = np.dot(W1, x) + b1
        A1 = 1 / (1 + np.exp(-Z1))
        Z2 = np.dot(W2, A1) + b2
        A2 = 1 / (1 + np.exp(-Z2))
        cost = np.squeeze((1 / (2 * n)) * np.sum(np.square(y - A2)))
        weighted += cost * n
        dA2 = -1 / n * (y - A2)
        dZ2 = dA2 * A2 * (1 - A2)
        dW2 = np.dot(dZ2, A1.T); db2 = np.sum(dZ2, axis=1, keepdims=True); dA1 = np.dot(W2.T, dZ2)
        dZ1 = dA1 * A1 * (1 - A1)
        dW1 = np.dot(dZ1, x.T); db1 = np.sum(dZ1, axis=1, keepdims=True)
        W2 = W2 - 1 * dW2; b2 = b2 - 1 * db2
        W1 = W1 - 1 * dW1; b1 = b1 - 1 * db1
    if epoch in (0, 1, 100, 999):
        print(epoch, repr(weighted / m))

"""The "2-layer network from scratch" tutorial verbatim, seeded with np.random.seed(1)."""
import numpy as np

def sigmoid(x):
    return 1.0 / (1 + np.exp(-x))

def sigmoid_derivative(x):
    return x * (1.0 - x)

np.random.seed(1)
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0], [1], [1], [0]])
weights1 = np.random.rand(X.shape[1], 4)
weights2 = np.random.rand(4, 1)
for i in range(1500):
    layer1 = sigmoid(np.dot(X, weights1))
    output = sigmoid(np.dot(layer1, weights2))
    if i in (0, 1, 1499):
        print("loss", i, repr(float(np.sum(np.square(y - output)))))
    d_weights2 = np.dot(layer1.T, (2 * (y - output) * sigmoid_derivative(output)))
    d_weights1 = np.dot(X.T, (np.dot(2 * (y - output) * sigmoid_derivative(output), weights2.T) * sigmoid_derivative(layer1)))
    weights1 += d_weights1
    weights2 += d_weights2
print("output_at_1499", [repr(v) for v in output.ravel()])
final = sigmoid(np.dot(sigmoid(np.dot(X, weights1)), weights2))
print("final_output", [repr(v) for v in final.ravel()])
print("final_loss", repr(float(np.sum(np.square(y - final)))))

# Sourced by bench/together.sh and bench/sweep-scale.sh: the random-mode XOR sweep they time, the tutorial's 2-3-1
# sigmoid network with Xavier weights, each trial drawing a learning rate (log-uniform in [0.01, 100]) and a seed.
# Usage: xor_random_sweep FILE EPOCHS SAMPLES [TOGETHER]   (TOGETHER: auto, the default, or off)
xor_random_sweep() {
    cat >"$1" <<YAML
name: xor-random
seed: 48
data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
model:
  - linear: {units: 3, init: xavier}
  - sigmoid
  - linear: {units: 1, init: xavier}
  - sigmoid
cost: half_squared_error
optimizer: {name: gradient_descent, learning_rate: 1}
training: {epochs: $2, log_every: 100}
sweep:
  mode: random
  samples: $3
  together: ${4:-auto}
  axes:
    optimizer.learning_rate: {log_uniform: [0.01, 100]}
    seed: {int: [0, 1000000]}
YAML
}

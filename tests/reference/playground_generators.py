"""TensorFlow Playground's classification sets (src/dataset.ts) drawn from numpy's legacy stream.

The NumPy twin of NnLab's PlaygroundGenerators (src/NnLab.Experiments/Data/PlaygroundGenerators.cs), which a test
compares against. dataset.ts's formulas and loop order are kept; every Math.random() is one
rng.random_sample() of rng = np.random.RandomState(seed), and normalRandom(mean, variance) is one
rng.normal(mean, sqrt(variance)). Labels: the Playground's +1 is 1, its -1 is 0. noise is the Playground's
percentage / 100, in [0, 0.5].

    python3 playground_generators.py xor 200 0.25 48       # one set as JSON: {"rows": [[x, y], ...], "labels": [...]}
    echo '[{"kind": "spiral", "samples": 7, "noise": 0.1, "seed": 1}]' | python3 playground_generators.py --batch

Needs numpy only.
"""
import json
import math
import sys

import numpy as np


def rand_uniform(rng, a, b):
    # dataset.ts: Math.random() * (b - a) + a
    return rng.random_sample() * (b - a) + a


def xor(samples, noise, seed):
    rng = np.random.RandomState(seed)
    padding = 0.3
    rows, labels = [], []
    for _ in range(samples):
        x = rand_uniform(rng, -5, 5)
        x += padding if x > 0 else -padding
        y = rand_uniform(rng, -5, 5)
        y += padding if y > 0 else -padding
        noise_x = rand_uniform(rng, -5, 5) * noise
        noise_y = rand_uniform(rng, -5, 5) * noise
        rows.append([x, y])
        labels.append(1 if (x + noise_x) * (y + noise_y) >= 0 else 0)
    return rows, labels


def spiral(samples, noise, seed):
    rng = np.random.RandomState(seed)
    n = samples / 2
    rows, labels = [], []

    def arm(delta_t, label):
        i = 0
        while i < n:  # dataset.ts: for (let i = 0; i < n; i++) with n = numSamples / 2, a float
            r = i / n * 5
            t = 1.75 * i / n * 2 * math.pi + delta_t
            x = r * math.sin(t) + rand_uniform(rng, -1, 1) * noise
            y = r * math.cos(t) + rand_uniform(rng, -1, 1) * noise
            rows.append([x, y])
            labels.append(label)
            i += 1

    arm(0.0, 1)
    arm(math.pi, 0)
    return rows, labels


def gaussian(samples, noise, seed):
    rng = np.random.RandomState(seed)
    # d3.scale.linear().domain([0, .5]).range([0.5, 4]) as d3 3.5 evaluates it
    t = (noise - 0) / 0.5
    variance = 0.5 * (1 - t) + 4 * t
    sd = math.sqrt(variance)
    rows, labels = [], []

    def cluster(cx, cy, label):
        i = 0
        while i < samples / 2:
            x = float(rng.normal(cx, sd))
            y = float(rng.normal(cy, sd))
            rows.append([x, y])
            labels.append(label)
            i += 1

    cluster(2.0, 2.0, 1)
    cluster(-2.0, -2.0, 0)
    return rows, labels


def circle(samples, noise, seed):
    rng = np.random.RandomState(seed)
    radius = 5.0
    rows, labels = [], []

    def ring(min_radius, max_radius):
        i = 0
        while i < samples / 2:
            r = rand_uniform(rng, min_radius, max_radius)
            angle = rand_uniform(rng, 0, 2 * math.pi)
            x = r * math.sin(angle)
            y = r * math.cos(angle)
            noise_x = rand_uniform(rng, -radius, radius) * noise
            noise_y = rand_uniform(rng, -radius, radius) * noise
            dx, dy = x + noise_x - 0, y + noise_y - 0
            rows.append([x, y])
            labels.append(1 if math.sqrt(dx * dx + dy * dy) < radius * 0.5 else 0)
            i += 1

    ring(0.0, radius * 0.5)
    ring(radius * 0.7, radius)
    return rows, labels


GENERATORS = {"xor": xor, "spiral": spiral, "gaussian": gaussian, "circle": circle}


def generate(kind, samples, noise, seed):
    rows, labels = GENERATORS[kind](int(samples), float(noise), int(seed))
    return {"rows": [[float(v) for v in row] for row in rows], "labels": labels}


def main(argv):
    if argv[1:2] == ["--batch"]:
        cases = json.load(sys.stdin)
        json.dump([generate(c["kind"], c["samples"], c["noise"], c["seed"]) for c in cases], sys.stdout)
    elif len(argv) == 5:
        json.dump(generate(argv[1], argv[2], argv[3], argv[4]), sys.stdout)
    else:
        sys.exit(__doc__)
    print()


if __name__ == "__main__":
    main(sys.argv)

"""scikit-learn's make_moons / make_circles / make_blobs for a batch of cases, as JSON, for NnLab's
SklearnGeneratorsTests (src/NnLab.Experiments/Data/SklearnGenerators.cs reproduces them value for value).

    echo '[{"kind": "moons", "samples": 7, "noise": 0.1, "seed": 0}]' | python3 sklearn_generators.py

Cases: {"kind": "moons", "samples", "noise", "seed"}, {"kind": "circles", "samples", "noise", "factor", "seed"},
{"kind": "blobs", "samples", "centers", "features", "cluster_std", "seed"}. Prints one JSON list of
{"rows": [[...], ...], "labels": [...]} (floats as repr: they round-trip exactly) and, first, the versions used.
Needs numpy and scikit-learn (Debian/Ubuntu: apt-get install python3-sklearn).
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_blobs, make_circles, make_moons


def generate(case):
    kind = case["kind"]
    if kind == "moons":
        X, y = make_moons(n_samples=case["samples"], shuffle=True, noise=case["noise"], random_state=case["seed"])
    elif kind == "circles":
        X, y = make_circles(n_samples=case["samples"], shuffle=True, noise=case["noise"],
                            random_state=case["seed"], factor=case["factor"])
    elif kind == "blobs":
        X, y = make_blobs(n_samples=case["samples"], n_features=case["features"], centers=case["centers"],
                          cluster_std=case["cluster_std"], center_box=(-10.0, 10.0), shuffle=True,
                          random_state=case["seed"])
    else:
        raise ValueError("unknown kind " + kind)
    return {"rows": [[float(v) for v in row] for row in X], "labels": [int(v) for v in y]}


def main():
    cases = json.load(sys.stdin)
    json.dump({"numpy": np.__version__, "sklearn": sklearn.__version__, "results": [generate(c) for c in cases]},
              sys.stdout)
    print()


if __name__ == "__main__":
    main()

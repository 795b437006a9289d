"""Writes NnLab's bundled datasets (src/NnLab.Experiments/Data/Datasets/*.csv) from the copies scikit-learn ships.

    python3 tests/reference/bundled_datasets.py            # (re)writes iris.csv and digits.csv
    python3 tests/reference/bundled_datasets.py --check    # exits 1 if the files differ from what it would write

Sources (sklearn/datasets/data/): iris.csv, whose first line is "150,4,setosa,versicolor,virginica" (count,
features, class names) and whose rows are four measurements and a class index; digits.csv.gz, 1797 rows of 64 pixel
counts (integers 0..16, an 8x8 image row by row) and the digit. Every number is copied as the text scikit-learn
stores (iris 5.1, 3.0; digits 0..16), so the values are exactly those load_iris() and load_digits() return. Iris gets a
header and its class names; digits a header p0..p63,digit. Lines end in "\n". Needs scikit-learn (for its data
folder) only.
"""
import csv
import gzip
import io
import os
import sys

import sklearn.datasets

SOURCE = os.path.join(os.path.dirname(sklearn.datasets.__file__), "data")
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "NnLab.Experiments", "Data", "Datasets")


def iris():
    with open(os.path.join(SOURCE, "iris.csv"), newline="") as f:
        rows = list(csv.reader(f))
    count, features, *names = rows[0]
    assert (int(count), int(features), names) == (150, 4, ["setosa", "versicolor", "virginica"]), rows[0]
    out = ["sepal_length,sepal_width,petal_length,petal_width,species"]
    for row in rows[1:]:
        assert len(row) == 5, row
        out.append(",".join(row[:4] + [names[int(row[4])]]))
    assert len(out) == 151
    return "\n".join(out) + "\n"


def digits():
    with gzip.open(os.path.join(SOURCE, "digits.csv.gz"), "rt", newline="") as f:
        rows = list(csv.reader(f))
    out = [",".join([f"p{i}" for i in range(64)] + ["digit"])]
    for row in rows:
        assert len(row) == 65 and all(v == str(int(v)) for v in row), row
        assert all(0 <= int(v) <= 16 for v in row[:64]) and 0 <= int(row[64]) <= 9, row
        out.append(",".join(row))
    assert len(out) == 1798
    return "\n".join(out) + "\n"


def main(argv):
    check = argv[1:] == ["--check"]
    stale = []
    for name, text in (("iris.csv", iris()), ("digits.csv", digits())):
        path = os.path.normpath(os.path.join(TARGET, name))
        if check:
            with io.open(path, newline="") as f:
                if f.read() != text:
                    stale.append(path)
        else:
            os.makedirs(TARGET, exist_ok=True)
            with io.open(path, "w", newline="") as f:
                f.write(text)
            print("wrote", path)
    if stale:
        sys.exit("differs from scikit-learn's copy: " + ", ".join(stale))


if __name__ == "__main__":
    main(sys.argv)

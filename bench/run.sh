#!/usr/bin/env bash
# Benchmarks NnLab (Core, fast and reference kernels) against NumPy and PyTorch on the same workloads, in float64
# and float32 (XOR: float64 only), and prints one table.
# Usage: bench/run.sh [--quick]   (--quick: one round instead of 3-5). Results (JSON lines) go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
PY=/usr/bin/python3   # Debian's python3 with numpy/torch/sklearn (not a pyenv python on PATH)
mkdir -p "$OUT"
QUICK=0; [[ "${1:-}" == "--quick" ]] && QUICK=1
rep() { if [[ $QUICK == 1 ]]; then echo "$2"; else echo "$1"; fi; }

# 1. Python packages, from Debian.
missing=()
for pkg in python3-numpy python3-torch python3-sklearn libopenblas0-pthread; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
    echo "installing ${missing[*]}" >&2
    SUDO=""; [[ $(id -u) != 0 ]] && SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

# 2. sklearn's bundled digits as CSV (pixels / 16, then the label).
DIGITS=$OUT/digits.csv
if [[ ! -s $DIGITS ]]; then
    $PY - "$DIGITS" <<'PYEOF'
import sys
from sklearn.datasets import load_digits
d = load_digits()
with open(sys.argv[1], "w") as f:
    f.write(",".join(f"p{i}" for i in range(64)) + ",label\n")
    for row, label in zip(d.data / 16.0, d.target):
        f.write(",".join(repr(float(v)) for v in row) + f",{int(label)}\n")
PYEOF
fi

# 3. The NnLab driver, Release.
dotnet build "$ROOT/bench/NnLab.Bench/NnLab.Bench.csproj" -c Release -v q -nologo >&2
BENCH="dotnet $ROOT/bench/NnLab.Bench/bin/Release/net10.0/NnLab.Bench.dll"

RESULTS=$OUT/results.jsonl
: > "$RESULTS"
# Thread counts are fixed in the environment before each Python starts (torch.set_num_threads alone does not limit
# OpenBLAS). OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, if set on this machine, are unset for these commands only, so
# OpenBLAS picks its kernel for the real CPU.
py() { local t=$1; shift; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t "$PY" "$@"; }
# PyTorch runs t intra-op (OpenMP) threads (torch.set_num_threads(t)); its BLAS is this OpenBLAS, kept at 1 thread when
# t > 1, because OpenMP's t threads plus OpenBLAS's t threads oversubscribe the cores (measured 3-7x slower here).
pt() { local t=$1; shift; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t "$PY" "$@"; }
nn() { OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $BENCH "$@"; }

# The FMA peak per precision: the table's % of peak uses float64's (twice it for float32); float32's own loop is
# measured as a check that it is twice.
echo "peak..." >&2
for p in float64 float32; do
    for t in 1 2; do nn peak --threads $t --precision $p --repeats 5 >> "$RESULTS"; done
done

# Each round runs every implementation once per precision and thread count, one after the other, so that load from
# other processes on this shared machine falls on all of them alike; the table shows the median over rounds (and over
# repeats within a run). Every process warms up first (JIT, BLAS threads, buffers) with a short untimed run.
run_workload() {  # name rounds repeats-per-run precision...
    local w=$1 rounds=$2 r=$3 p t; shift 3
    for ((round = 1; round <= rounds; round++)); do
        echo "$w, round $round/$rounds..." >&2
        for p in "$@"; do
            for t in 1 2; do
                nn "$w" --kernels fast --precision $p --threads $t --repeats "$r" --digits "$DIGITS" \
                    --alloc $((round == 1)) >> "$RESULTS"
                if [[ $w == xor ]]; then  # the tutorial's float64 loop as written: no --precision
                    py $t bench/numpy_xor.py --repeats "$r" >> "$RESULTS"
                    pt $t bench/torch_xor.py --repeats "$r" >> "$RESULTS"
                else
                    py $t bench/numpy_mlp.py "$w" --precision $p --digits "$DIGITS" --repeats "$r" >> "$RESULTS"
                    pt $t bench/torch_mlp.py "$w" --precision $p --digits "$DIGITS" --repeats "$r" >> "$RESULTS"
                fi
            done
        done
    done
}
run_workload xor "$(rep 3 1)" 5 float64
nn xor --kernels reference --repeats 15 --alloc 1 >> "$RESULTS"
run_workload digits "$(rep 3 1)" 3 float64 float32
for p in float64 float32; do
    nn digits --kernels reference --precision $p --repeats 1 --digits "$DIGITS" >> "$RESULTS"
done
run_workload digits-mb64 "$(rep 3 1)" 3 float64 float32
run_workload wide "$(rep 5 1)" 1 float64 float32
run_workload wide-mb128 "$(rep 5 1)" 1 float64 float32

# 4. Whole process: `./nnlab run experiments/xor.yaml` against `python3 bench/numpy_xor.py --once`, if the CLI exists.
if [[ -x "$ROOT/nnlab" ]]; then
    echo "whole process..." >&2
    py 1 bench/process_time.py "xor (whole process)" nnlab 1 "$ROOT/nnlab" run experiments/xor.yaml >> "$RESULTS"
    py 1 bench/process_time.py "xor (whole process)" numpy 1 "$PY" bench/numpy_xor.py --once >> "$RESULTS"
else
    echo '{"note": "no ./nnlab in this worktree: whole-process row skipped"}' >> "$RESULTS"
fi

# 5. The machine and the table.
{
    echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(lscpu | sed -n 's/^L3 cache: *//p') L3"
    py 1 -c "import numpy, torch, threadpoolctl; i=[x for x in threadpoolctl.threadpool_info() if x['internal_api']=='openblas']; print(f'numpy {numpy.__version__}, torch {torch.__version__}, OpenBLAS {i[0][\"version\"]} core {i[0][\"architecture\"]}' if i else f'numpy {numpy.__version__}, torch {torch.__version__}')" 2>/dev/null \
        || py 1 -c "import numpy, torch; print(f'numpy {numpy.__version__}, torch {torch.__version__}')"
    echo "dotnet $(dotnet --version); torch BLAS: $(py 1 -c 'import torch; print(torch.__config__.show().count("BLAS_INFO") and [l.strip() for l in torch.__config__.show().splitlines() if "BLAS_INFO" in l][0])' 2>/dev/null)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"
$PY bench/report.py "$RESULTS"

#!/usr/bin/env bash
# The tutorial's XOR training loop three ways, in turns: NnLab (Trainer.Train on the reference kernels, which keep the
# tutorial's bits), the same network's loop written by hand in scalar C# (NnLab.Bench xor-handwritten, which also times
# an epoch's 16 exp calls alone), and NumPy (bench/numpy_xor.py, one BLAS thread, as bench/run.sh runs it). Prints the
# machine, the load before and after, and the medians over rounds with their ratios.
# Usage: bench/xor-loop.sh [rounds]   (default 5; each round is ~10 s). Raw results: bench/out/xor-loop.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
PY=/usr/bin/python3   # Debian's python3 with numpy (not a pyenv python on PATH)
ROUNDS=${1:-5}
mkdir -p "$OUT"
RESULTS=$OUT/xor-loop.jsonl
: > "$RESULTS"

dotnet build "$ROOT/bench/NnLab.Bench/NnLab.Bench.csproj" -c Release -v q -nologo >&2
BENCH="dotnet $ROOT/bench/NnLab.Bench/bin/Release/net10.0/NnLab.Bench.dll"
py() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$PY" "$@"; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(grep -o -m1 'avx512f' /proc/cpuinfo || echo 'no AVX-512'), $(grep -o -m1 'avx2' /proc/cpuinfo || echo 'no AVX2')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 1; round <= ROUNDS; round++)); do
    echo "round $round/$ROUNDS..." >&2
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $BENCH xor-handwritten --kernels reference --repeats 5 --warmup-seconds 2 >> "$RESULTS"
    py bench/numpy_xor.py --repeats 5 >> "$RESULTS"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$RESULTS" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
ours = [r for r in rows if r["implementation"] == "nnlab-vs-handwritten"]
numpy = [r for r in rows if r["implementation"] == "numpy"]
epochs = 5000

def median(values):
    return statistics.median(values)

def per_epoch(name, key):  # ns per epoch: median over rounds of each round's median
    return median([r["variants"][name][key] for r in ours]) / epochs * 1e9

nn_cpu, hw_cpu = per_epoch("nnlab", "cpu_median_s"), per_epoch("handwritten", "cpu_median_s")
nn_wall, hw_wall = per_epoch("nnlab", "wall_median_s"), per_epoch("handwritten", "wall_median_s")
exps, sigmoids = per_epoch("exps", "cpu_median_s"), per_epoch("sigmoids", "cpu_median_s")
np_wall = median([r["median_s"] for r in numpy]) / epochs * 1e9
assert all(r["same_bits"] for r in ours) and len({r["final_cost"] for r in ours}) == 1
print(f"final cost, NnLab and hand-written alike: {ours[0]['final_cost']!r}; NumPy: {numpy[-1]['final_cost']!r}")
print(f"{'':28} {'ns/epoch CPU':>12} {'ns/epoch wall':>13} {'M epochs/s':>10}")
print(f"{'NnLab (reference kernels)':28} {nn_cpu:12.1f} {nn_wall:13.1f} {1e3 / nn_cpu:10.2f}")
print(f"{'hand-written C#':28} {hw_cpu:12.1f} {hw_wall:13.1f} {1e3 / hw_cpu:10.2f}")
print(f"{'NumPy (1 thread)':28} {'':12} {np_wall:13.1f} {1e3 / np_wall:10.3f}")
print(f"{'16 exp calls alone':28} {exps:12.1f}")
print(f"{'16 sigmoids alone':28} {sigmoids:12.1f}")
print(f"NnLab / hand-written time: {median([r['cpu_ratio_median'] for r in ours]):.3f} (CPU, median of rounds' medians)")
print(f"NumPy / NnLab time: {np_wall / nn_wall:.0f}x wall, {np_wall / nn_cpu:.0f}x against NnLab's CPU time; "
      f"NumPy / hand-written: {np_wall / hw_wall:.0f}x wall")
PYEOF

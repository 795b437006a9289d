#!/usr/bin/env bash
# Times experiments/sweeps/xor-learning-rate.yaml (48 trials x 5000 epochs):
#   - nnlab's training of the 48 trials in-process (bench/NnLab.SweepBench: no files), on N workers and one at a time;
#   - the whole `nnlab sweep` (48 run folders, manifest, summaries) with --parallel N and --parallel 1;
#   - a NumPy loop doing the same trials (bench/sweep_numpy.py), one at a time and on N processes;
# and prints one table with the ratios. Usage: bench/sweep.sh [N]   (N: workers, default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
WORKERS=${1:-2}
SWEEP=experiments/sweeps/xor-learning-rate.yaml
PY=/usr/bin/python3   # Debian's python3 with python3-numpy, not whatever python is first on PATH
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

if ! dpkg -s python3-numpy >/dev/null 2>&1; then
    echo "installing python3-numpy" >&2
    SUDO=""; [[ $(id -u) != 0 ]] && SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-numpy >&2
fi
# One thread per process for NumPy's BLAS, set before Python starts: parallelism comes from the N processes only.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "building..." >&2
./nnlab --version >/dev/null
dotnet build bench/NnLab.SweepBench/NnLab.SweepBench.csproj -c Release -nologo -v q >&2
RESULTS=$OUT/results.jsonl

./nnlab sweep "$SWEEP" --dry-run > "$OUT/trials.txt"

echo "nnlab in-process training..." >&2
dotnet bench/NnLab.SweepBench/bin/Release/net10.0/NnLab.SweepBench.dll "$SWEEP" --workers "$WORKERS" >> "$RESULTS"

echo "nnlab sweep..." >&2
for p in "$WORKERS" 1; do
    start=$(date +%s%N)
    ./nnlab sweep "$SWEEP" --parallel "$p" --out "$OUT/sweep-$p" > "$OUT/sweep-$p.txt" 2>/dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    sweep_seconds=$(sed -n 's/^wall time *\([0-9.]*\) s$/\1/p' "$OUT/sweep-$p.txt")
    printf '{"mode": "cli", "workers": %d, "sweep_seconds": %s, "process_seconds": %d.%03d}\n' \
        "$p" "$sweep_seconds" $((ms / 1000)) $((ms % 1000)) >> "$RESULTS"
done

echo "numpy..." >&2
$PY bench/sweep_numpy.py "$OUT/trials.txt" --workers "$WORKERS" --summary "$OUT/sweep-$WORKERS/summary.csv" >> "$RESULTS"

$PY bench/sweep_report.py < "$RESULTS"

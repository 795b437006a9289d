#!/usr/bin/env bash
# Trials trained together, at the issue's scale: a random-mode sweep of the tutorial's XOR (2-3-1 sigmoid, Xavier
# weights from each trial's seed, 5000 full-batch epochs, learning rate log-uniform in [0.01, 100]) with N trials
# (default 10,000: 50 M trial-epochs). Measures, in one run on this machine:
#   - the whole `nnlab sweep` process (default outputs: lean trials, summaries, report) with trials trained together
#     (sweep.together: auto, the default) and alone (together: off), under /usr/bin/time: wall, CPU, peak RSS;
#   - that both wrote the same costs.csv and summary (the bit-identity check, at scale);
#   - a plain NumPy loop of the same trials (bench/sweep_numpy.py), timed on a sample of S of them (default 100, one
#     after another on one BLAS thread) and scaled to N trials on the same number of processes as nnlab's workers.
# Usage: bench/together.sh [N] [S]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
S=${2:-100}
PY=/usr/bin/python3   # Debian's python3 with python3-numpy
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
if ! dpkg -s python3-numpy >/dev/null 2>&1; then
    SUDO=""; [[ $(id -u) != 0 ]] && SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-numpy >&2
fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
./nnlab --version >/dev/null
WORKERS=$(getconf _NPROCESSORS_ONLN)   # not nproc: it honours OMP_NUM_THREADS, set to 1 above

# shellcheck source=bench/xor-sweep.sh
source bench/xor-sweep.sh
sweep() { # file name, together setting, sample count
    xor_random_sweep "$OUT/$1" 5000 "$3" "$2"
}

measure() { # label, then the command; prints "label wall user sys peakMB"
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >"$OUT/out.txt" 2>"$OUT/err.txt" || { tail -5 "$OUT/err.txt" >&2; exit 1; }
    read -r wall user sys rss <"$OUT/time.txt"
    printf '%-34s %9s %9s %9s %9d\n' "$label" "$wall" "$user" "$sys" $((rss / 1024))
    echo "$wall" >"$OUT/$label.wall"
}

sweep together.yaml auto "$N"
sweep alone.yaml off "$N"
printf '%-34s %9s %9s %9s %9s\n' "run ($N trials x 5000 epochs)" "wall s" "user s" "sys s" "peak MB"
measure "nnlab-together" ./nnlab sweep "$OUT/together.yaml" --out "$OUT/t"
measure "nnlab-alone" ./nnlab sweep "$OUT/alone.yaml" --out "$OUT/a"
if cmp -s "$OUT/t/costs.csv" "$OUT/a/costs.csv" && cmp -s <(cut -d, -f1-13 "$OUT/t/summary.csv") <(cut -d, -f1-13 "$OUT/a/summary.csv"); then
    echo "together and alone wrote the same costs.csv ($(wc -l <"$OUT/t/costs.csv") lines) and summary.csv costs: identical bits"
else
    echo "together and alone DIFFER" >&2; exit 1
fi

sweep sample.yaml auto "$S"
./nnlab sweep "$OUT/sample.yaml" --dry-run >"$OUT/sample.txt"
$PY bench/sweep_numpy.py "$OUT/sample.txt" --workers 1 >"$OUT/numpy.jsonl"
$PY - "$OUT/numpy.jsonl" "$S" "$N" "$WORKERS" "$(cat "$OUT/nnlab-together.wall")" "$(cat "$OUT/nnlab-alone.wall")" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
s, n, workers, together, alone = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
per_trial = next(r["best_seconds"] for r in rows if r["mode"] == "numpy sequential") / s
numpy = per_trial * n / workers
print(f"numpy: {per_trial * 1e3:.1f} ms a trial ({per_trial / 5000 * 1e6:.1f} us an epoch) on one core, measured on {s} trials;"
      f" {n} trials on {workers} processes: {numpy:.0f} s ({numpy / 60:.1f} min)")
print(f"nnlab together: {together:.1f} s whole process = {numpy / together:.0f}x numpy, {n * 5000 / together / 1e6:.1f} M trial-epochs/s;"
      f" alone: {alone:.1f} s = {numpy / alone:.0f}x numpy")
PY
echo "machine: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $WORKERS cores," \
     "$(grep -q avx512f /proc/cpuinfo && echo AVX-512 || echo 'no AVX-512'), $(grep -q avx2 /proc/cpuinfo && echo AVX2 || echo 'no AVX2');" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"

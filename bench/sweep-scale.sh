#!/usr/bin/env bash
# Times a random-mode XOR sweep (2-3-1 sigmoid, 500 epochs a trial, learning rate and seed drawn) at several trial
# counts with its default outputs (lean trials): whole-process wall time, CPU time and peak RSS from /usr/bin/time -v,
# and the time `nnlab sweep --dry-run` (loading and expanding the sweep, no training) takes at the same count.
# Usage: bench/sweep-scale.sh [COUNT...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=("$@")
[[ ${#COUNTS[@]} -gt 0 ]] || COUNTS=(1000 10000 100000)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
./nnlab --version >/dev/null
# shellcheck source=bench/xor-sweep.sh
source bench/xor-sweep.sh

measure() { # label, then the command; prints "label wall_s user_s sys_s peak_MB"
    local label=$1; shift
    /usr/bin/time -v "$@" >"$OUT/out.txt" 2>"$OUT/time.txt" || { cat "$OUT/time.txt" >&2; exit 1; }
    local wall user sys rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    user=$(sed -n 's/.*User time (seconds): //p' "$OUT/time.txt")
    sys=$(sed -n 's/.*System time (seconds): //p' "$OUT/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time.txt")
    printf '%-22s %9s %9s %9s %9d\n' "$label" "$wall" "$user" "$sys" $((rss / 1024))
}

printf '%-22s %9s %9s %9s %9s\n' "run" "wall s" "user s" "sys s" "peak MB"
for n in "${COUNTS[@]}"; do
    xor_random_sweep "$OUT/xor-$n.yaml" 500 "$n"
    measure "dry-run $n" ./nnlab sweep "$OUT/xor-$n.yaml" --dry-run
    measure "sweep $n" ./nnlab sweep "$OUT/xor-$n.yaml" --out "$OUT/sweep-$n"
    rm -rf "$OUT/sweep-$n"
done
echo "machine: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores," \
     "$(grep -q avx512f /proc/cpuinfo && echo AVX-512 || echo 'no AVX-512'), $(grep -q avx2 /proc/cpuinfo && echo AVX2 || echo 'no AVX2');" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"

"""Prints bench/sweep.sh's measurements (JSON lines on stdin) as one table with the ratios that matter."""
import json, sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
by = {(r["mode"], r.get("workers")): r for r in rows}
workers = max(r.get("workers", 1) for r in rows if r["mode"] == "parallel")


def get(mode, w, key="best_seconds"):
    r = by.get((mode, w))
    return r.get(key) if r else None


lines = [
    ("nnlab training, in-process, %d workers (warm)" % workers, get("parallel", workers)),
    ("nnlab training, in-process, %d workers (first pass, with JIT)" % workers, get("parallel", workers, "first_seconds")),
    ("nnlab training, in-process, one at a time (warm)", get("sequential", 1)),
    ("nnlab training, in-process, one at a time (first pass, with JIT)", get("sequential", 1, "first_seconds")),
    ("nnlab sweep --parallel %d: the sweep (48 run folders written)" % workers, get("cli", workers, "sweep_seconds")),
    ("nnlab sweep --parallel 1: the sweep", get("cli", 1, "sweep_seconds")),
    ("nnlab sweep --parallel %d: whole process" % workers, get("cli", workers, "process_seconds")),
    ("numpy loop, one at a time (training only)", get("numpy sequential", 1)),
    ("numpy loop, %d processes (training only)" % workers, get("numpy processes", workers)),
]
trials = next((r["trials"] for r in rows if r["mode"] == "sequential"), "?")
print(f"XOR learning-rate sweep: {trials} trials x 5000 epochs")
width = max(len(label) for label, _ in lines)
for label, seconds in lines:
    print(f"  {label:<{width}}  {seconds:8.3f} s" if seconds is not None else f"  {label:<{width}}       n/a")


def ratio(label, a, b):
    if a and b:
        print(f"  {label}: {a / b:.2f}x")


print("ratios")
ratio("nnlab training, one at a time / %d workers" % workers, get("sequential", 1), get("parallel", workers))
ratio("nnlab sweep, --parallel 1 / --parallel %d" % workers, get("cli", 1, "sweep_seconds"), get("cli", workers, "sweep_seconds"))
ratio("numpy one at a time / nnlab training one at a time", get("numpy sequential", 1), get("sequential", 1))
ratio("numpy %d processes / nnlab training %d workers" % (workers, workers), get("numpy processes", workers), get("parallel", workers))
ratio("numpy %d processes / the whole nnlab sweep (--parallel %d, files included)" % (workers, workers),
      get("numpy processes", workers), get("cli", workers, "sweep_seconds"))
agreement = by.get(("agreement", None))
if agreement:
    print(f"numpy vs nnlab final costs: {agreement['within_1e-9']} of {agreement['trials']} trials agree within 1e-9 (relative); "
          f"for rates <= 50 the largest difference is {agreement['max_relative_difference_rate_le_50']:.1e}")

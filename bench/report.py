"""Turns bench/out/results.jsonl into the table bench/README.md shows: one row per (workload, implementation,
precision, threads)."""
import json, sys

PRECISIONS = ["float64", "float32"]
# The same FMA instructions do twice the float32 work (8 lanes instead of 4 in 256 bits): float32's peak is twice
# float64's, which is what the table's % of peak uses for float32 rows (the float32 loop's measured rate is printed too).
LANES_OVER_FLOAT64 = {"float64": 1, "float32": 2}


def precision(r):
    """Rows written before precision existed (or for float64-only runs, e.g. the whole-process XOR) are float64."""
    return r.get("precision", "float64")


rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
notes = [r["note"] for r in rows if "note" in r]
peak = {(precision(r), r["threads"]): r["gflops"] for r in rows if r.get("workload") == "peak"}
# Several runs of one (workload, implementation, precision, threads) — rounds of bench/run.sh — pool their times.
pooled = {}
for r in rows:
    if "note" in r or r.get("workload") == "peak":
        continue
    key = (r["workload"], r["implementation"], precision(r), r["threads"])
    if key in pooled:
        pooled[key]["times_s"] += r["times_s"]
        if r.get("bytes_per_epoch") is not None:
            pooled[key]["bytes_per_epoch"] = r["bytes_per_epoch"]
    else:
        pooled[key] = dict(r, precision=precision(r), times_s=list(r["times_s"]))
for r in pooled.values():
    times = sorted(r["times_s"])
    r["median_s"] = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
runs = list(pooled.values())
numpy = {(r["workload"], r["precision"], r["threads"]): r["median_s"] for r in runs if r["implementation"] == "numpy"}
order = ["xor", "digits", "digits-mb64", "wide", "wide-mb128", "xor (whole process)"]
impl_order = ["nnlab-fast", "nnlab-reference", "nnlab", "numpy", "pytorch"]


def rank(value, ordered):
    return ordered.index(value) if value in ordered else 99


runs.sort(key=lambda r: (rank(r["workload"], order), rank(r["precision"], PRECISIONS), r["threads"],
                         rank(r["implementation"], impl_order)))

header = ["workload", "implementation", "precision", "threads", "runs", "median time", "epochs/s", "GFLOP/s",
          "% of peak", "× NumPy"]
table = []
for r in runs:
    t = r["median_s"]
    gflops = r["gemm_flops"] / t / 1e9 if r.get("gemm_flops") else None
    # The hardware's peak for t threads: t cores at the measured one-thread float64 FMA rate, doubled for float32 (a
    # measured 2-thread rate only shows how much of the second core other processes left us at that moment).
    one_thread = peak.get(("float64", 1))
    p = one_thread * r["threads"] * LANES_OVER_FLOAT64[r["precision"]] if one_thread else None
    base = numpy.get((r["workload"], r["precision"], r["threads"]))
    time_text = f"{t * 1e3:.1f} ms" if t < 10 else f"{t:.2f} s"
    table.append([r["workload"], r["implementation"], r["precision"], str(r["threads"]), str(len(r["times_s"])),
                  time_text, f"{r['epochs'] / t:,.0f}" if r.get("epochs") else "",
                  f"{gflops:.2f}" if gflops is not None else "", f"{100 * gflops / p:.1f}%" if gflops and p else "",
                  f"{base / t:.2f}" if base else ""])
left = 3  # workload, implementation and precision are text, left-aligned; the rest are numbers
widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(header)]
print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for row in table:
    print("| " + " | ".join(c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |")
print()
print("median time: median over all timed runs (rounds × repeats); GFLOP/s: matrix-product flops only (forward, backward,")
print("and the final forward pass) per second; % of peak: of threads × the one-thread C# float64 FMA-loop rate, twice that")
print("for float32; × NumPy: NumPy's median time over this one's, same workload, precision and threads (> 1 = faster).")
print()
for prec in PRECISIONS:
    measured = sorted((t, g) for (p, t), g in peak.items() if p == prec)
    if measured:
        print(f"peak (C# 256-bit {prec} FMA loop, measured): "
              + ", ".join(f"{t} thread{'s' if t > 1 else ''} {g:.1f} GFLOP/s" for t, g in measured))
nn_alloc = [r for r in runs if r["implementation"].startswith("nnlab-") and r.get("bytes_per_epoch") is not None]
nn_alloc.sort(key=lambda r: (rank(r["workload"], order), r["implementation"], rank(r["precision"], PRECISIONS), r["threads"]))
if nn_alloc:
    print("NnLab bytes allocated per epoch (training thread): " + ", ".join(
        f"{r['workload']}/{r['implementation'][6:]}/{r['precision']}/{r['threads']}t {r['bytes_per_epoch']:.0f}"
        for r in nn_alloc))
for n in notes:
    print("note: " + n)

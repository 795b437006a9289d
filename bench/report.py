"""Turns bench/out/results.jsonl into the table bench/README.md shows."""
import json, sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
notes = [r["note"] for r in rows if "note" in r]
peak = {r["threads"]: r["gflops"] for r in rows if r.get("workload") == "peak"}
# Several runs of one (workload, implementation, threads) — rounds of bench/run.sh — pool their times.
pooled = {}
for r in rows:
    if "note" in r or r.get("workload") == "peak":
        continue
    key = (r["workload"], r["implementation"], r["threads"])
    if key in pooled:
        pooled[key]["times_s"] += r["times_s"]
        if r.get("bytes_per_epoch") is not None:
            pooled[key]["bytes_per_epoch"] = r["bytes_per_epoch"]
    else:
        pooled[key] = dict(r, times_s=list(r["times_s"]))
for r in pooled.values():
    times = sorted(r["times_s"])
    r["median_s"] = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
runs = list(pooled.values())
numpy = {(r["workload"], r["threads"]): r["median_s"] for r in runs if r["implementation"] == "numpy"}
order = ["xor", "digits", "digits-mb64", "wide", "wide-mb128", "xor (whole process)"]
impl_order = ["nnlab-fast", "nnlab-reference", "nnlab", "numpy", "pytorch"]
runs.sort(key=lambda r: (order.index(r["workload"]) if r["workload"] in order else 99, r["threads"],
                         impl_order.index(r["implementation"]) if r["implementation"] in impl_order else 99))

header = ["workload", "implementation", "threads", "runs", "median time", "epochs/s", "GFLOP/s", "% of peak", "× NumPy"]
table = []
for r in runs:
    t = r["median_s"]
    gflops = r["gemm_flops"] / t / 1e9 if r.get("gemm_flops") else None
    # The hardware's peak for t threads: t cores at the measured one-thread FMA rate (a measured 2-thread rate only
    # shows how much of the second core other processes left us at that moment).
    p = peak[1] * r["threads"] if 1 in peak else None
    base = numpy.get((r["workload"], r["threads"]))
    time_text = f"{t * 1e3:.1f} ms" if t < 10 else f"{t:.2f} s"
    table.append([r["workload"], r["implementation"], str(r["threads"]), str(len(r["times_s"])), time_text,
                  f"{r['epochs'] / t:,.0f}" if r.get("epochs") else "",
                  f"{gflops:.2f}" if gflops is not None else "", f"{100 * gflops / p:.1f}%" if gflops and p else "",
                  f"{base / t:.2f}" if base else ""])
widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(header)]
print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for row in table:
    print("| " + " | ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |")
print()
print("median time: median over all timed runs (rounds × repeats); GFLOP/s: matrix-product flops only (forward, backward,")
print("and the final forward pass) per second; % of peak: of threads × the one-thread C# FMA-loop rate; × NumPy: NumPy's")
print("median time over this one's, same workload and threads (> 1 = faster than NumPy).")
print()
print("peak (C# 256-bit FMA loop, measured): " + ", ".join(f"{t} thread{'s' if t > 1 else ''} {g:.1f} GFLOP/s" for t, g in sorted(peak.items())))
nn_alloc = [r for r in runs if r["implementation"].startswith("nnlab-") and r.get("bytes_per_epoch") is not None]
nn_alloc.sort(key=lambda r: (order.index(r["workload"]) if r["workload"] in order else 99, r["implementation"], r["threads"]))
if nn_alloc:
    print("NnLab bytes allocated per epoch (training thread): " + ", ".join(
        f"{r['workload']}/{r['implementation'][6:]}/{r['threads']}t {r['bytes_per_epoch']:.0f}" for r in nn_alloc))
for n in notes:
    print("note: " + n)

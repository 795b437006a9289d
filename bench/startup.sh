#!/usr/bin/env bash
# The issue's whole-process race: `./nnlab run experiments/xor.yaml` (already built, so the build is not timed) against
# `/usr/bin/python3 bench/numpy_xor.py --once` (same network, same 5000 epochs, prints the final cost), and
# `./nnlab validate experiments/xor.yaml` (the issue's other start-up target: under 150 ms).
# Usage: bench/startup.sh [RUNS] [--tty] [--phases]
#   RUNS      timed runs of each command (default 20), interleaved one of each after the other, so load from other
#             processes on this shared machine falls on all alike; prints the median and minimum wall time and the
#             median CPU time (user + system) of each, and the load average before and after.
#   --tty     runs the commands with stdout and stderr on a pseudo-terminal, as in an interactive shell (nnlab then
#             takes its terminal path: the progress display is set up); by default they go to /dev/null.
#   --phases  instead of the race, runs `./nnlab run` and `./nnlab validate` RUNS times each with NNLAB_TRACE_STARTUP=1
#             and prints the median time of each start-up phase (the marks in the code: NnLab.Diagnostics.StartupTrace),
#             from the moment the launcher is started to the process's exit.
# nnlab runs from the repository root, as the issue has it (so ./plugins is scanned); the run folders it writes
# under runs/xor/ are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's python3 with numpy (not a pyenv python on PATH)
runs=20 tty=0 phases=0
for arg in "$@"; do
    case "$arg" in
        --tty) tty=1 ;;
        --phases) phases=1 ;;
        *[!0-9]*|'') echo "usage: bench/startup.sh [RUNS] [--tty] [--phases]" >&2; exit 2 ;;
        *) runs=$arg ;;
    esac
done
"$PY" -c 'import numpy' 2>/dev/null || { echo "$PY has no numpy: apt-get install python3-numpy" >&2; exit 1; }
# Builds nnlab if its sources changed (untimed) and warms the file cache.
./nnlab run experiments/xor.yaml >/dev/null 2>&1

exec "$PY" - "$runs" "$tty" "$phases" <<'PYEOF'
import os, pty, resource, shutil, statistics, subprocess, sys, threading, time

runs, tty, phases = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3] == "1"
commands = {
    "run": ["./nnlab", "run", "experiments/xor.yaml"],
    "numpy": ["/usr/bin/python3", "bench/numpy_xor.py", "--once"],
    "validate": ["./nnlab", "validate", "experiments/xor.yaml"],
}
# Same environment as bench/run.sh gives NumPy on one thread (the XOR arrays are tiny; BLAS threads only cost).
numpy_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
numpy_env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
envs = {"run": None, "numpy": numpy_env, "validate": None}
runs_dir = os.path.join("runs", "xor")
before = set(os.listdir(runs_dir)) if os.path.isdir(runs_dir) else set()


def run_once(name):
    """Wall and CPU seconds of one process, its output discarded (or drained from a pseudo-terminal)."""
    if tty:
        master, slave = pty.openpty()
        drain = threading.Thread(target=lambda: _drain(master), daemon=True)
        drain.start()
        out = err = slave
    else:
        out = err = subprocess.DEVNULL
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    code = subprocess.run(commands[name], stdout=out, stderr=err, env=envs[name]).returncode
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if tty:
        os.close(slave)
        drain.join()
    if code != 0:
        sys.exit(f"{name} exited {code}")
    return wall, (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)


def _drain(fd):
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass  # the terminal closes when the child and our copy of its end are gone
    finally:
        os.close(fd)


def traced_once(name):
    """The phase marks of one traced process: (phase, µs since the launcher was started), ending with its exit."""
    env = dict(os.environ, NNLAB_TRACE_STARTUP="1")
    start = time.time_ns() // 1000
    done = subprocess.run(commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    end = time.time_ns() // 1000
    if done.returncode != 0:
        sys.exit(f"{name} exited {done.returncode}")
    marks = [line.split(" ", 2) for line in done.stderr.splitlines() if line.startswith("@@ ")]
    return [(phase, int(at) - start) for _, at, phase in marks] + [("exit", end - start)]


def print_phases(name):
    traces = [traced_once(name) for _ in range(runs + 1)][1:]  # the first warms up
    names = [phase for phase, _ in traces[0]]
    traces = [t for t in traces if [phase for phase, _ in t] == names]
    print(f"nnlab {name}: median of {len(traces)} traced runs, load average {os.getloadavg()[0]:.1f}")
    previous = "launcher and runtime start"
    for i, phase in enumerate(names):
        took = statistics.median((t[i][1] - (t[i - 1][1] if i else 0)) / 1000 for t in traces)
        print(f"  {took:7.1f} ms  {previous if i == 0 else phase}")
    print(f"  {statistics.median(t[-1][1] for t in traces) / 1000:7.1f} ms  in all")


try:
    if phases:
        for name in ("run", "validate"):
            print_phases(name)
        sys.exit(0)
    times = {name: ([], []) for name in commands}
    for name in commands:
        run_once(name)  # warm-up, untimed
    load_before = os.getloadavg()[0]
    for _ in range(runs):
        for name in commands:
            wall, cpu = run_once(name)
            times[name][0].append(wall)
            times[name][1].append(cpu)
finally:
    if os.path.isdir(runs_dir):
        for entry in set(os.listdir(runs_dir)) - before:
            shutil.rmtree(os.path.join(runs_dir, entry), ignore_errors=True)

print(f"{runs} interleaved runs each, output to {'a pseudo-terminal' if tty else '/dev/null'}, "
      f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
for name, (walls, cpus) in times.items():
    print(f"{name:8s} wall median {statistics.median(walls):.3f} s  min {min(walls):.3f} s  "
          f"cpu median {statistics.median(cpus):.3f} s   ({' '.join(commands[name])})")
wall = {name: statistics.median(walls) for name, (walls, _) in times.items()}
cpu = {name: statistics.median(cpus) for name, (_, cpus) in times.items()}
print(f"numpy / nnlab run: {wall['numpy'] / wall['run']:.2f}x wall, {cpu['numpy'] / cpu['run']:.2f}x cpu "
      f"(> 1: nnlab is faster; the issue's target is 1.5x)")
PYEOF

#!/usr/bin/env bash
# The issue's whole-process race: `./nnlab run experiments/xor.yaml` (already built, so the build is not timed) against
# `/usr/bin/python3 bench/numpy_xor.py --once` (same network, same 5000 epochs, prints the final cost).
# Usage: bench/startup.sh [RUNS] [--tty]
#   RUNS   timed runs of each command (default 15), interleaved one of each after the other, so load from other
#          processes on this shared machine falls on both alike; prints the median and minimum wall time and the
#          median CPU time (user + system) of each.
#   --tty  runs both with stdout and stderr on a pseudo-terminal, as in an interactive shell (nnlab then takes its
#          terminal path: the progress display is set up); by default both go to /dev/null.
# nnlab runs from the repository root, as the issue has it (so ./plugins is scanned); the run folders it writes
# under runs/xor/ are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's python3 with numpy (not a pyenv python on PATH)
runs=15 tty=0
for arg in "$@"; do
    case "$arg" in
        --tty) tty=1 ;;
        *[!0-9]*|'') echo "usage: bench/startup.sh [RUNS] [--tty]" >&2; exit 2 ;;
        *) runs=$arg ;;
    esac
done
"$PY" -c 'import numpy' 2>/dev/null || { echo "$PY has no numpy: apt-get install python3-numpy" >&2; exit 1; }
# Builds nnlab if its sources changed (untimed) and warms the file cache.
./nnlab run experiments/xor.yaml >/dev/null 2>&1

exec "$PY" - "$runs" "$tty" <<'PYEOF'
import os, pty, resource, shutil, statistics, subprocess, sys, threading, time

runs, tty = int(sys.argv[1]), sys.argv[2] == "1"
commands = {
    "nnlab": ["./nnlab", "run", "experiments/xor.yaml"],
    "numpy": ["/usr/bin/python3", "bench/numpy_xor.py", "--once"],
}
# Same environment as bench/run.sh gives NumPy on one thread (the XOR arrays are tiny; BLAS threads only cost).
numpy_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
numpy_env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
envs = {"nnlab": None, "numpy": numpy_env}
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


times = {name: ([], []) for name in commands}
try:
    for name in commands:
        run_once(name)  # warm-up, untimed
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
      f"load average {os.getloadavg()[0]:.1f}")
for name, (walls, cpus) in times.items():
    print(f"{name:6s} wall median {statistics.median(walls):.3f} s  min {min(walls):.3f} s  "
          f"cpu median {statistics.median(cpus):.3f} s   ({' '.join(commands[name])})")
ratio = statistics.median(times["nnlab"][0]) / statistics.median(times["numpy"][0])
print(f"nnlab / numpy (wall medians): {ratio:.2f}")
PYEOF

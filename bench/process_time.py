"""Times a whole process (start to exit) several times; prints one JSON line with the median.
Usage: process_time.py <workload label> <implementation> <threads> <command...>"""
import json, subprocess, sys, time

label, implementation, threads, command = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # warm the file cache
times = []
for _ in range(5):
    t0 = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t0)
print(json.dumps(dict(workload=label, implementation=implementation, threads=threads, epochs=5000,
                      median_s=sorted(times)[len(times) // 2], times_s=times, gemm_flops=None)))

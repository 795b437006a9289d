using System.Diagnostics;
using System.Text.Json;
using NnLab.Bench;
using NnLab.Numerics;
using NnLab.Training;

// Usage:
//   NnLab.Bench peak [--threads N]
//   NnLab.Bench <workload> [--threads N] [--kernels fast|reference] [--repeats R] [--digits digits.csv] [--alloc 1]
// Prints one JSON object per line. Times are wall-clock seconds of Trainer.Train (all epochs plus its final forward
// pass) on a fresh network, after an untimed warm-up training.
var options = Options.Parse(args);
if (options.Workload == "peak")
{
    var runs = Enumerable.Range(0, options.Repeats).Select(_ => Peak.GflopsPerSecond(options.Threads)).Order().ToArray();
    Emit(new { workload = "peak", implementation = "csharp-fma-loop", threads = options.Threads, gflops = runs[runs.Length / 2], runs });
    return;
}

var workload = Workloads.Create(options.Workload, options.Digits);
var operations = MatrixOperations.Create<double>(options.Kernels, options.Threads);
var observer = new NullObserver();

// Warm-up: JIT (tier-1), network buffers for every batch shape, packing buffers, worker threads.
// The runtime recompiles hot methods at tier 1 in the background, 100 ms after it last compiled anything: keep
// training fresh networks (a few epochs each; XOR: all 5000) for at least a second so the timed runs see optimised code.
var warm = Stopwatch.StartNew();
do
{
    int epochs = workload.Name == "xor" ? workload.Epochs : workload.WarmupEpochs;
    workload.CreateTrainer(operations).Train(workload.Inputs, workload.Targets, workload.Settings(epochs), observer);
} while (warm.Elapsed.TotalSeconds < 1.0);

// XOR's 5000 epochs take ~2 ms, less than a scheduler time slice: one preemption by another process would double a
// sample. Each XOR sample therefore times 25 back-to-back trainings (fresh networks, built beforehand) and reports
// their mean; the other workloads time one training per sample.
int inner = workload.Name == "xor" ? 25 : 1;
var times = new List<double>();
TrainingResult? result = null;
for (int r = 0; r < options.Repeats; r++)
{
    var trainers = Enumerable.Range(0, inner).Select(_ => workload.CreateTrainer(operations)).ToArray();
    GC.Collect();
    var clock = Stopwatch.StartNew();
    foreach (var trainer in trainers)
        result = trainer.Train(workload.Inputs, workload.Targets, workload.Settings(workload.Epochs), observer);
    times.Add(clock.Elapsed.TotalSeconds / inner);
}
var sorted = times.Order().ToArray();

// Bytes allocated per epoch on the training thread: the difference between a long and a short run, per extra epoch.
long Allocated(int epochs)
{
    var trainer = workload.CreateTrainer(operations);
    long before = GC.GetAllocatedBytesForCurrentThread();
    trainer.Train(workload.Inputs, workload.Targets, workload.Settings(epochs), observer);
    return GC.GetAllocatedBytesForCurrentThread() - before;
}
int shortRun = 1, longRun = workload.Name == "xor" ? 2001 : 1 + Math.Min(workload.Epochs, 3);
double? bytesPerEpoch = options.Allocations ? (double)(Allocated(longRun) - Allocated(shortRun)) / (longRun - shortRun) : null;

Emit(new
{
    workload = workload.Name,
    implementation = options.Kernels == MatrixKernels.Fast ? "nnlab-fast" : "nnlab-reference",
    kernel = operations is FastMatrixOperations fast ? fast.KernelName : "reference",
    threads = options.Kernels == MatrixKernels.Fast ? options.Threads : 1,
    epochs = workload.Epochs,
    examples = workload.Inputs.Cols,
    batch_size = workload.BatchSize,
    median_s = sorted[sorted.Length / 2],
    times_s = times,
    gemm_flops = workload.GemmFlops,
    bytes_per_epoch = bytesPerEpoch,
    final_cost = result!.FinalCost,
});

static void Emit(object value) => Console.WriteLine(JsonSerializer.Serialize(value));

internal sealed class NullObserver : ITrainingObserver
{
    public void OnCostRecorded(int epoch, double cost) { }
}

internal sealed record Options(string Workload, int Threads, MatrixKernels Kernels, int Repeats, string? Digits, bool Allocations)
{
    public static Options Parse(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("usage: NnLab.Bench <peak|xor|digits|digits-mb64|wide|wide-mb128> [options]");
        int threads = 1, repeats = 5;
        var kernels = MatrixKernels.Fast;
        string? digits = null;
        bool allocations = false;
        for (int i = 1; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--threads": threads = int.Parse(value); break;
                case "--repeats": repeats = int.Parse(value); break;
                case "--digits": digits = value; break;
                case "--alloc": allocations = value is "1" or "true"; break;
                case "--kernels":
                    if (!MatrixOperations.TryParse(value, out kernels)) throw new ArgumentException($"unknown kernels '{value}'");
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return new Options(args[0], threads, kernels, repeats, digits, allocations);
    }
}

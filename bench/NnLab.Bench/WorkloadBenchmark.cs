using System.Diagnostics;
using System.Numerics;
using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Bench;

/// <summary>
/// Times one workload in one precision: an untimed warm-up, then <see cref="BenchOptions.Repeats"/> timed trainings of
/// fresh networks (Trainer.Train: every epoch plus its final forward pass), and optionally the bytes allocated per epoch.
/// </summary>
/// <typeparam name="T">The element type: double (float64) or float (float32).</typeparam>
internal sealed class WorkloadBenchmark<T> where T : IFloatingPointIeee754<T>
{
    private readonly BenchOptions _options;
    private readonly Workload<T> _workload;
    private readonly IMatrixOperations<T> _operations;

    public WorkloadBenchmark(BenchOptions options)
    {
        _options = options;
        var workload = Workloads.Create<T>(options.Workload, options.Digits);
        _workload = options.Activation is { } activation ? workload with { Activation = activation } : workload;
        _operations = MatrixOperations.Create<T>(options.Kernels, options.Threads);
    }

    private bool IsXor => _workload.Name == "xor";

    /// <summary>Runs the measurement and returns the driver's JSON object for it.</summary>
    public object Run()
    {
        WarmUp();
        var (times, result) = Time();
        var sorted = times.Order().ToArray();
        double? bytesPerEpoch = _options.Allocations ? BytesPerEpoch() : null;
        return new
        {
            workload = _workload.Name,
            implementation = _options.Kernels == MatrixKernels.Fast ? "nnlab-fast" : "nnlab-reference",
            precision = _options.Precision.Name(),
            kernel = KernelName(),
            threads = _options.Kernels == MatrixKernels.Fast ? _options.Threads : 1,
            optimizer = _options.Optimizer,
            activation = _workload.Activation,
            epochs = _workload.Epochs,
            examples = _workload.Inputs.Cols,
            batch_size = _workload.BatchSize,
            median_s = sorted[sorted.Length / 2],
            times_s = times,
            gemm_flops = _workload.GemmFlops,
            bytes_per_epoch = bytesPerEpoch,
            final_cost = result.FinalCost,
        };
    }

    private TrainingResult Train(Trainer<T> trainer, int epochs) =>
        trainer.Train(_workload.Inputs, _workload.Targets, _workload.Settings(epochs), NullObserver.Instance);

    /// <summary>
    /// JIT (tier-1), network buffers for every batch shape, packing buffers, worker threads: fresh networks train (a few
    /// epochs each; XOR: all 5000) until the warm-up time is spent, at least once.
    /// </summary>
    private void WarmUp()
    {
        var clock = Stopwatch.StartNew();
        do Train(_workload.CreateTrainer(_operations, _options.Optimizer), IsXor ? _workload.Epochs : _workload.WarmupEpochs);
        while (clock.Elapsed.TotalSeconds < _options.WarmupSeconds);
    }

    /// <summary>
    /// XOR's 5000 epochs take ~2 ms, less than a scheduler time slice: one preemption by another process would double a
    /// sample. Each XOR sample therefore times 25 back-to-back trainings (fresh networks, built beforehand) and reports
    /// their mean; the other workloads time one training per sample.
    /// </summary>
    private (List<double> Times, TrainingResult Last) Time()
    {
        int inner = IsXor ? 25 : 1;
        var times = new List<double>();
        TrainingResult? result = null;
        for (int r = 0; r < _options.Repeats; r++)
        {
            var trainers = Enumerable.Range(0, inner).Select(_ => _workload.CreateTrainer(_operations, _options.Optimizer)).ToArray();
            GC.Collect();
            var clock = Stopwatch.StartNew();
            foreach (var trainer in trainers) result = Train(trainer, _workload.Epochs);
            times.Add(clock.Elapsed.TotalSeconds / inner);
        }
        return (times, result ?? throw new ArgumentException("--repeats must be at least 1"));
    }

    /// <summary>Bytes allocated per epoch on the training thread: the difference between a long and a short run, per extra epoch.</summary>
    private double BytesPerEpoch()
    {
        int shortRun = 1, longRun = IsXor ? 2001 : 1 + Math.Min(_workload.Epochs, 3);
        return (double)(Allocated(longRun) - Allocated(shortRun)) / (longRun - shortRun);
    }

    private long Allocated(int epochs)
    {
        var trainer = _workload.CreateTrainer(_operations, _options.Optimizer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Train(trainer, epochs);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>The register tile the fast products use, "reference" for the reference loops.</summary>
    private string KernelName() => _operations switch
    {
        FastMatrixOperations<double> fast => fast.KernelName,
        FastMatrixOperations<float> fast => fast.KernelName,
        ReferenceMatrixOperations<T> => "reference",
        var other => other.GetType().Name,
    };
}

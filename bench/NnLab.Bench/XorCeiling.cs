using NnLab.BenchShared;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using NnLab.Numerics;

namespace NnLab.Bench;

/// <summary>
/// <c>NnLab.Bench xor-handwritten</c>: NnLab's XOR training (Trainer.Train on the chosen kernels) against
/// <see cref="HandwrittenXor"/>, the same arithmetic written by hand, and against the 16 sigmoids (16 exp calls) an
/// epoch makes, timed alone. The variants take turns within each round, so load from other processes falls on all of
/// them alike; each sample is 25 back-to-back 5000-epoch trainings (as the xor workload times them), in wall and in
/// the thread's CPU time. On the reference kernels, refuses to time anything unless the two trainings end with the
/// same cost, bit for bit.
/// </summary>
internal sealed class XorCeiling(BenchOptions options)
{
    private const int Inner = 25;
    private const int Epochs = 5000;
    private const int SigmoidsPerEpoch = 16;

    private readonly Workload<double> _workload = Workloads.Create<double>("xor", null);
    private readonly IMatrixOperations<double> _operations = MatrixOperations.Create<double>(options.Kernels, options.Threads);
    private readonly double[] _initial = HandwrittenXor.InitialWeights();

    /// <summary>16 arguments spread over the range the tutorial's pre-activations cover (about ±6).</summary>
    private static readonly double[] ExpArguments = Enumerable.Range(0, SigmoidsPerEpoch).Select(i => -6 + 12.0 * i / (SigmoidsPerEpoch - 1)).ToArray();

    public object Run()
    {
        double nnlabCost = TrainNnLab(), handwrittenCost = HandwrittenXor.Train(_initial, Epochs).FinalCost;
        bool sameBits = BitConverter.DoubleToInt64Bits(nnlabCost) == BitConverter.DoubleToInt64Bits(handwrittenCost);
        // The fast kernels' products fuse multiply and add, so only the reference kernels must agree to the bit.
        if (!sameBits && options.Kernels == MatrixKernels.Reference)
            throw new InvalidOperationException($"the hand-written loop's final cost {handwrittenCost:R} is not NnLab's {nnlabCost:R}");
        // Each variant prepares one training (NnLab: a fresh trainer, built before the clock starts, as the xor
        // workload times it) and returns what is timed.
        var variants = new (string Name, Func<Action> Prepare)[]
        {
            ("nnlab", () => { var train = PrepareNnLab(); return () => train(); }),
            ("handwritten", () => () => HandwrittenXor.Train(_initial, Epochs)),
            ("sigmoids", () => () => Sigmoids(ExpArguments, Epochs)),
            ("exps", () => () => Exps(ExpArguments, Epochs)),
        };
        WarmUp(variants);
        var samples = variants.ToDictionary(v => v.Name, _ => new List<Sample>());
        for (int round = 0; round < options.Repeats; round++)
            for (int k = 0; k < variants.Length; k++)
            {
                var (name, prepare) = variants[(round + k) % variants.Length]; // each round starts with the next variant
                samples[name].Add(Time(prepare));
            }
        var (nnlab, handwritten) = (samples["nnlab"], samples["handwritten"]);
        // Per round: NnLab's CPU time over the hand-written loop's, both sampled in that round.
        double[] ratios = nnlab.Zip(handwritten, (n, h) => n.Cpu / h.Cpu).ToArray();
        return new
        {
            workload = "xor",
            implementation = "nnlab-vs-handwritten",
            kernels = MatrixOperations.Name(options.Kernels),
            epochs = Epochs,
            rounds = options.Repeats,
            final_cost = nnlabCost,
            handwritten_final_cost = handwrittenCost,
            same_bits = sameBits,
            cpu_ratio_median = ratios.Order().ElementAt(ratios.Length / 2),
            cpu_ratios = ratios,
            variants = samples.ToDictionary(v => v.Key, v => Summary(v.Value)),
        };
    }

    /// <summary>A variant's medians; per epoch and epochs per second from CPU time, which other processes' load inflates least.</summary>
    private static object Summary(List<Sample> samples)
    {
        double wall = Median(samples, s => s.Wall), cpu = Median(samples, s => s.Cpu);
        return new
        {
            wall_median_s = wall,
            cpu_median_s = cpu,
            cpu_ns_per_epoch = cpu / Epochs * 1e9,
            epochs_per_s = Epochs / cpu,
            cpu_s = samples.Select(s => s.Cpu).ToArray(),
        };
    }

    private readonly record struct Sample(double Wall, double Cpu);

    private double TrainNnLab() => PrepareNnLab()();

    private Func<double> PrepareNnLab()
    {
        var trainer = _workload.CreateTrainer(_operations);
        var settings = _workload.Settings(Epochs);
        return () => trainer.Train(_workload.Inputs, _workload.Targets, settings, NullObserver.Instance).FinalCost;
    }

    private void WarmUp((string Name, Func<Action> Prepare)[] variants)
    {
        var clock = Stopwatch.StartNew();
        do foreach (var (_, prepare) in variants) prepare()();
        while (clock.Elapsed.TotalSeconds < options.WarmupSeconds);
    }

    /// <summary>One sample: <see cref="Inner"/> prepared runs back to back, per run.</summary>
    private static Sample Time(Func<Action> prepare)
    {
        var runs = Enumerable.Range(0, Inner).Select(_ => prepare()).ToArray();
        GC.Collect();
        long wallStart = Stopwatch.GetTimestamp();
        double cpuStart = ThreadClock.CpuSeconds();
        foreach (var run in runs) run();
        double cpu = ThreadClock.CpuSeconds() - cpuStart;
        return new(Stopwatch.GetElapsedTime(wallStart).TotalSeconds / Inner, cpu / Inner);
    }

    private static double Median(List<Sample> samples, Func<Sample, double> value)
    {
        var sorted = samples.Select(value).Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>An epoch's 16 sigmoids, <paramref name="epochs"/> times: independent of each other, as the hidden layer's 12 are.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Sigmoids(double[] z, int epochs)
    {
        double sum = 0;
        for (int e = 0; e < epochs; e++)
            for (int i = 0; i < z.Length; i++) sum += 1 / (1 + Math.Exp(-z[i]));
        return sum;
    }

    /// <summary>The exp calls alone.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Exps(double[] z, int epochs)
    {
        double sum = 0;
        for (int e = 0; e < epochs; e++)
            for (int i = 0; i < z.Length; i++) sum += Math.Exp(z[i]);
        return sum;
    }
}

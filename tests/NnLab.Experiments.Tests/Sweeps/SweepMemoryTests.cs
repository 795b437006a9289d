using System.Runtime.CompilerServices;
using NnLab.Experiments.Sweeps;
using static NnLab.Experiments.Tests.Sweeps.SweepTestFiles;

namespace NnLab.Experiments.Tests.Sweeps;

/// <summary>Measures the managed heap, so nothing else may allocate meanwhile: its tests run alone.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

/// <summary>
/// A sweep too large to hold its trials' experiments keeps a few numbers per trial, so its memory stays flat however
/// many trials it has (issue #20: the same ≤ 200 MB for 1,000 or 100,000 trials).
/// </summary>
[Collection(nameof(HeapMeasurement))]
public sealed class SweepMemoryTests
{
    /// <summary>The bench's random XOR sweep: a drawn learning rate and seed per trial.</summary>
    private static string RandomSweep(int samples) => With($$"""
        sweep:
          mode: random
          samples: {{samples}}
          axes:
            optimizer.learning_rate: {log_uniform: [0.01, 100]}
            seed: {int: [0, 1000000]}
        """);

    /// <summary>
    /// The bytes a loaded sweep of <paramref name="samples"/> trials holds: the collected heap while it is alive less
    /// the heap once it is gone (so what loading leaves behind, such as pooled buffers and compiled code, is not counted).
    /// </summary>
    private static long Retained(int samples)
    {
        long alive = HeapWhileLoaded(samples);
        return alive - GC.GetTotalMemory(forceFullCollection: true);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long HeapWhileLoaded(int samples)
    {
        var sweep = Ok(RandomSweep(samples));
        Assert.Equal(samples, sweep.Trials.Count);
        Assert.False(sweep.Trials[0].HoldsExperiment);
        long bytes = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(sweep);
        return bytes;
    }

    [Fact]
    public void A_lean_sweep_retains_at_most_28_bytes_per_trial()
    {
        const int Small = 2_000, Large = 20_000;
        long small = Retained(Small), large = Retained(Large);
        long perTrial = (large - small) / (Large - Small);

        // 10 bytes of table (the id, a byte for the data set's and one for the together key's number) and a drawn double
        // per axis: 26 measured (32 with an int for each number).
        Assert.True(perTrial <= 28, $"{perTrial} bytes per trial ({small} bytes for {Small} trials, {large} for {Large})");
    }
}

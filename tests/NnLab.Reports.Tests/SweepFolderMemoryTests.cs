using System.Globalization;
using Xunit.Abstractions;
using NnLab.Reports.Data;
using NnLab.Reports.Sweeps;

namespace NnLab.Reports.Tests;

/// <summary>Measures the managed heap, so nothing else may allocate meanwhile: its tests run alone.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

/// <summary>
/// The sweep report holds a trial in a few numbers (issue #20: a sweep's memory flat whatever its trial count): its
/// texts stay in trials.json and its curve in costs.csv until a page shows them.
/// </summary>
[Collection(nameof(HeapMeasurement))]
public sealed class SweepFolderMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int Trials = 20_000;

    private readonly string _dir = Directory.CreateTempSubdirectory("nnlab-reports-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_read_and_analysed_random_sweep_retains_at_most_120_bytes_a_trial()
    {
        // A random sweep's trials each have a setting of their own: as many groups as trials, the worst case.
        WriteRandomSweep(Trials);

        long before = RetainedBytes();
        var sweep = SweepFolderData.Read(_dir);
        long read = RetainedBytes();
        var analysis = SweepAnalysis.Analyse(sweep);
        long analysed = RetainedBytes();

        // 62 and 97 bytes when written; trials held as objects with a parameter dictionary, their texts and their curve
        // took kilobytes each (351 MB for `nnlab report` on 100,000 trials).
        double readPerTrial = (double)(read - before) / Trials, analysedPerTrial = (double)(analysed - before) / Trials;
        output.WriteLine($"{readPerTrial:0} bytes a trial read, {analysedPerTrial:0} read and analysed");
        Assert.True(readPerTrial <= 80, $"{readPerTrial:0} bytes a trial read");
        Assert.True(analysedPerTrial <= 120, $"{analysedPerTrial:0} bytes a trial read and analysed");
        Assert.Equal(Trials, analysis.Groups.Count);
        GC.KeepAlive(analysis);
    }

    [Fact]
    public void Analysing_a_random_sweep_keeps_a_byte_a_trial_and_its_report_allocates_at_most_100_bytes_a_trial()
    {
        // Each trial its own group: no array or object per group is kept (the groups were a list of 16-byte views over
        // members, starts, order and metrics arrays: 38 bytes a trial more), only each trial's regime.
        WriteRandomSweep(Trials);
        // The first analysis in a process also makes what the runtime then keeps for good (its pools' arrays, caches of
        // types and enums): tens of kilobytes, a byte or two a trial here, which are not the analysis's. A copy of the
        // folder's data takes them.
        GC.KeepAlive(SweepAnalysis.Analyse(SweepFolderData.Read(_dir)));
        var sweep = SweepFolderData.Read(_dir);
        long read = RetainedBytes();
        var analysis = SweepAnalysis.Analyse(sweep);
        double keptPerTrial = (double)(RetainedBytes() - read) / Trials;
        output.WriteLine($"{keptPerTrial:0.0} bytes a trial kept by the analysis");
        // The regime is one byte a trial; the rest is the heap's noise: 0.6-1.4 bytes a trial when these tests run alone,
        // 2.5 in a fresh clone's whole CI run (every test project at once). A group object or array would add 38.
        Assert.True(keptPerTrial <= 4, $"{keptPerTrial:0.0} bytes a trial kept by the analysis");
        GC.KeepAlive(analysis);

        // What the report works out from the trials (the verdict, the final-cost chart's sample, the ranked table),
        // as the difference between two sizes: the charts' own drawing costs the same for both. It bounds what the
        // report holds at its peak beyond the trials' columns; copies of the groups, their values and every trial's
        // point in lists and sorts allocated ~700 bytes a trial (peak RSS of `nnlab report` on 100,000 trials 121 MB).
        double small = ReportAllocation(Trials / 4), large = ReportAllocation(Trials);
        double perTrial = (large - small) / (Trials - Trials / 4);
        output.WriteLine($"{perTrial:0} bytes a trial allocated by the report");
        Assert.True(perTrial <= 100, $"{perTrial:0} bytes a trial allocated by the report");
    }

    /// <summary>Bytes allocated analysing a random sweep of <paramref name="count"/> trials and writing its page but the learning curves (which read costs.csv).</summary>
    private long ReportAllocation(int count)
    {
        WriteRandomSweep(count);
        var sweep = SweepFolderData.Read(_dir);
        RetainedBytes();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var analysis = SweepAnalysis.Analyse(sweep);
        Assert.Equal(count, analysis.Groups.Count);
        Assert.NotEmpty(analysis.Verdict());
        Assert.NotNull(NnLab.Reports.Charts.SweepCharts.FinalCost(analysis));
        Assert.Null(NnLab.Reports.Charts.SweepCharts.Heatmap(analysis));
        Assert.NotNull(analysis.Best);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    [Fact]
    public void Texts_and_curves_are_read_again_from_the_files_as_written_also_after_trials_json_changed()
    {
        var trials = WriteRandomSweep(50);
        var sweep = SweepFolderData.Read(_dir);

        var details = sweep.Details([sweep.Trials[7], sweep.Trials[49]]);
        Assert.Equal(SweepFolderFiles.Label(7), details[7].Label);
        Assert.Equal("trials/" + SweepFolderFiles.Label(49), details[49].RunFolder);
        Assert.Equal(0.05, details[49].WallTimeSeconds);
        Assert.Equal("stopped 49", details[49].Reason);

        // A running sweep rewrites trials.json: its records move, and are found by reading the file through.
        string manifest = Path.Combine(_dir, SweepFolderData.ManifestFile);
        File.WriteAllText(manifest, "    " + File.ReadAllText(manifest).Replace("\"label\"", "\"padding\": 0, \"label\""));
        Assert.Equal(SweepFolderFiles.Label(7), sweep.Details([sweep.Trials[7]])[7].Label);

        var curves = sweep.Curves(p => p is 3 or 42);
        Assert.Equal([3, 42], curves.Keys.Order());
        Assert.Equal(trials[42].Epochs, curves[42].Epochs);
        Assert.Equal(trials[42].Costs, curves[42].Costs);
    }

    [Theory]
    [InlineData("0.5", true)]
    [InlineData("1.5676677195506077", true)]
    [InlineData("435829", true)]
    [InlineData("1E-05", true)]
    [InlineData("-0", true)]
    [InlineData("0.50", false)]
    [InlineData("1e-05", false)]
    [InlineData(" 1", false)]
    [InlineData("relu", false)]
    [InlineData("", false)]
    public void A_parameter_value_is_kept_as_a_number_only_when_that_gives_back_its_text(string text, bool number)
    {
        var value = ParameterValue.Of(text);
        Assert.Equal(number, value.IsNumber);
        Assert.Equal(text, value.Text);
        Assert.Equal(Format.Parse(text), value.Parsed);
    }

    [Fact]
    public void Parameter_values_are_equal_exactly_when_their_texts_are()
    {
        var random = new Random(20);
        var texts = Enumerable.Range(0, 2000).Select(_ => Math.Exp(random.NextDouble() * 20 - 10).ToString(CultureInfo.InvariantCulture))
            .Concat(["0", "-0", "0.0", "NaN", "relu", "", "1e-05", "1E-05"]).ToList();
        foreach (var a in texts.Take(50).Concat(texts.TakeLast(8)))
            foreach (var b in texts)
            {
                Assert.Equal(a == b, ParameterValue.Of(a).Equals(ParameterValue.Of(b)));
                if (a == b) Assert.Equal(ParameterValue.Of(a).GetHashCode(), ParameterValue.Of(b).GetHashCode());
            }
    }

    private List<SyntheticTrial> WriteRandomSweep(int count)
    {
        var random = new Random(48);
        var trials = Enumerable.Range(0, count).Select(i =>
        {
            double rate = Math.Exp(random.NextDouble() * 9 - 4.6), final = 0.25 * random.NextDouble();
            return new SyntheticTrial(
                new Dictionary<string, string>
                {
                    ["optimizer.learning_rate"] = rate.ToString(CultureInfo.InvariantCulture),
                    ["seed"] = random.Next(1_000_000).ToString(CultureInfo.InvariantCulture),
                },
                i % 10 == 9 ? "diverged" : "completed", final, 0.25, [0, 100, 200], [0.25, 0.5 * (0.25 + final), final],
                Reason: $"stopped {i}");
        }).ToList();
        SweepFolderFiles.Write(_dir, "random", ["optimizer.learning_rate", "seed"], trials);
        return trials;
    }

    private static long RetainedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

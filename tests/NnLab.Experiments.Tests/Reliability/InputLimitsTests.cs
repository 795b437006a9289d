using System.Diagnostics;
using NnLab.Experiments.Sweeps;
using NnLab.Experiments.Tests.Sweeps;

namespace NnLab.Experiments.Tests.Reliability;

/// <summary>
/// The faults issue #19's fuzzing found in loading, each refused with a location, quickly and in bounded memory:
/// deep nesting (a stack overflow .NET cannot catch), alias bombs (in the file, a sweep axis and --set), tags,
/// devices and pipes as data, lines without end, models too large to allocate, and quadratic sweep expansion.
/// </summary>
public sealed class InputLimitsTests
{
    private static string Xor(string dataAndModel = "") => SweepTestFiles.Xor + dataAndModel;

    private static string Bomb(string name, int levels) =>
        $"{name}0: &{name}0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        + string.Concat(Enumerable.Range(1, levels).Select(i =>
            $"{name}{i}: &{name}{i} [{string.Join(", ", Enumerable.Repeat($"*{name}{i - 1}", 10))}]\n"));

    private static string Timed(Func<string> action, double seconds = 2)
    {
        var clock = Stopwatch.StartNew();
        string result = action();
        Assert.True(clock.Elapsed.TotalSeconds < seconds, $"took {clock.Elapsed.TotalSeconds:F2} s: {result}");
        return result;
    }

    [Theory]
    [InlineData("[", 37_000)]
    [InlineData("{a: ", 20_000)]
    public void DeepNestingIsRefusedBeforeTheParserRecurses(string opener, int count)
    {
        string error = Timed(() => TestLoader.Error("name: x\nvalue: " + string.Concat(Enumerable.Repeat(opener, count))));
        Assert.Contains("exp.yaml:2:", error);
        Assert.Contains("nested more than 64 levels deep", error);
        Assert.Contains("NnLab:Limits:MaxDepth", error);
    }

    [Fact]
    public void NestingWithinTheLimitStillLoads()
    {
        var errors = TestLoader.Errors(Xor() + "extra: " + new string('[', 60) + new string(']', 60) + "\n");
        Assert.DoesNotContain(errors, e => e.Contains("nested"));
    }

    [Fact]
    public void AnAliasBombIsRefusedAtTheNodeThatExpandsPastTheLimit()
    {
        string error = Timed(() => TestLoader.Error(Bomb("a", 12)));
        // a0..a5 expand to at most 1.1M nodes: a5 (10^6 ones, plus lists) is the first past a million.
        Assert.StartsWith("exp.yaml:6:", error);
        Assert.Contains("expands to more than 1000000 YAML nodes", error);
    }

    [Fact]
    public void AnAliasThatContainsItselfIsRefused()
    {
        var errors = TestLoader.Errors("name: x\nloop: &a [1, *a]\n");
        Assert.Contains(errors, e => e.StartsWith("exp.yaml:2:") && (e.Contains("infinite") || e.Contains("syntax")));
    }

    [Fact]
    public void AnAliasBombInASweepAxisIsRefused()
    {
        string yaml = Bomb("v", 8) + SweepTestFiles.Xor + "sweep:\n  axes:\n    extra: [*v8]\n";
        var errors = Timed(() => string.Join("\n", SweepTestFiles.Errors(yaml)));
        Assert.Contains("expands to more than 1000000 YAML nodes", errors);
    }

    [Fact]
    public void AnAliasBombInASetValueIsRefusedAtItsColumn()
    {
        string value = "[&a [1,1,1,1,1,1,1,1,1,1]" + string.Concat(Enumerable.Range(0, 7).Select(i =>
            $", &{(char)('b' + i)} [{string.Join(",", Enumerable.Repeat($"*{(char)('a' + i)}", 10))}]")) + "]";
        string error = Timed(() => TestLoader.Error(Xor(), "model[0]=" + value));
        Assert.StartsWith("--set:1:", error);
        Assert.Contains("expands to more than 1000000 YAML nodes", error);
    }

    [Fact]
    public void TheNodeLimitCanBeLowered()
    {
        var result = new ExperimentLoader(TestLoader.BuiltIns) { Limits = InputLimits.Default with { MaxNodes = 20 } }
            .LoadText(Xor(), TestLoader.File, "");
        Assert.Contains(result.Errors, e => e.Message.Contains("more than 20 YAML nodes"));
    }

    [Fact]
    public void ADocumentOfMoreNodesThanTheLimitIsRefusedWhileItIsParsed()
    {
        // 2,000 numbers of inline data, then a syntax error. Refused only once the tree was built, the parse would
        // reach the syntax error first (and a large file would be built whole: 47 MB of numbers took 3.4 GB).
        string xor = Xor();
        int line = xor.Count(c => c == '\n') + 1;
        string yaml = xor + "extra: [" + string.Join(", ", Enumerable.Repeat("0.5", 2_000)) + "]\nbroken: [unclosed\n";
        var result = new ExperimentLoader(TestLoader.BuiltIns) { Limits = InputLimits.Default with { MaxNodes = 1_000 } }
            .LoadText(yaml, TestLoader.File, "");
        var error = Assert.Single(result.Errors);
        Assert.Contains("more than 1000 YAML nodes", error.Message);
        Assert.Contains("NnLab:Limits:MaxNodes", error.Message);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 8, $"column {error.Column}: the number that passed the limit, inside the list");
    }

    [Fact]
    public void ADocumentPastTheSizeLimitIsRefusedBeforeParsing()
    {
        var result = new ExperimentLoader(TestLoader.BuiltIns) { Limits = InputLimits.Default with { MaxDocumentBytes = 100 } }
            .LoadText(Xor(), TestLoader.File, "");
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("MaxDocumentBytes", error.Message);
    }

    [Theory]
    [InlineData("model:\n  - !!python/object:os.system {units: 3}\n", 2, "!!python/object:os.system")]
    [InlineData("name: !custom x\n", 1, "!custom")]
    public void TagsOtherThanTheStandardOnesAreRefused(string yaml, int line, string tag)
    {
        var errors = TestLoader.Errors(yaml);
        Assert.Contains(errors, e => e.StartsWith($"exp.yaml:{line}:") && e.Contains($"'{tag}' is not supported"));
    }

    [Fact]
    public void AStringTagMakesANumberText()
    {
        string error = TestLoader.Error(Xor().Replace("epochs: 10", "epochs: !!str 3"));
        Assert.Contains("training.epochs: expected an integer", error);
    }

    [Fact]
    public void StandardTypeTagsReadTheirValue()
    {
        var experiment = TestLoader.Ok(Xor().Replace("epochs: 10", "epochs: !!int \"3\"").Replace("seed: 48", "seed: !!int 48"));
        Assert.Equal(3, experiment.Training.Epochs);
    }

    [Fact]
    public void ADeviceAsDataIsRefusedAtOnce()
    {
        foreach (string device in new[] { "/dev/zero", "/dev/urandom" })
        {
            string error = Timed(() => TestLoader.Error(CsvExperiment(device)));
            Assert.Contains("exp.yaml:3:", error);
            Assert.Contains("not a regular file", error);
        }
    }

    [Fact]
    public void APipeAsDataIsRefusedWithoutWaitingForAWriter()
    {
        using var folder = new TempDirectory();
        string fifo = Path.Combine(folder.Path, "data.csv");
        MakeFifo(fifo);
        string error = Timed(() => TestLoader.Error(CsvExperiment(fifo)));
        Assert.Contains("not a regular file", error);
    }

    [Fact]
    public void AnExperimentFileThatIsAPipeWithoutWriterStopsOnCancellation()
    {
        using var folder = new TempDirectory();
        string fifo = Path.Combine(folder.Path, "exp.yaml");
        MakeFifo(fifo);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ExperimentLoader(TestLoader.BuiltIns) { Cancellation = cancel.Token }.LoadFile(fifo));
        Assert.True(clock.Elapsed.TotalSeconds < 2);
    }

    [Fact]
    public void ALineWithoutEndIsRefusedAtTheLimit()
    {
        using var folder = new TempDirectory();
        string csv = folder.Write("data.csv", "x1,x2,y\n" + new string('0', 3_000_000));
        string error = Timed(() => TestLoader.Error(CsvExperiment(csv)));
        Assert.Contains("data.csv:2:1048577", error);
        Assert.Contains("longer than 1048576 characters", error);
    }

    [Fact]
    public void ACsvPastTheSizeLimitIsRefusedBeforeReading()
    {
        using var folder = new TempDirectory();
        string csv = folder.Write("data.csv", "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        var result = new ExperimentLoader(TestLoader.BuiltIns) { Limits = InputLimits.Default with { MaxCsvBytes = 10 } }
            .LoadText(CsvExperiment(csv), TestLoader.File, "");
        Assert.Contains(result.Errors, e => e.Line == 3 && e.Message.Contains("MaxCsvBytes"));
    }

    [Theory]
    [InlineData(65_536, 65_536)]
    [InlineData(100_000, 100_000)]
    public void ModelsPastTheParameterLimitAreRefusedInValidation(int first, int second)
    {
        string yaml = Xor().Replace("units: 3,", $"units: {first},").Replace("units: 1,", $"units: {second},");
        var clock = Stopwatch.StartNew();
        var errors = TestLoader.Errors(yaml);
        Assert.True(clock.Elapsed.TotalSeconds < 5);
        Assert.True(errors.Any(e => e.StartsWith("exp.yaml:") && e.Contains("NnLab:Limits:MaxParameters")), string.Join("\n", errors));
    }

    [Fact]
    public void AGeneratorPastTheLimitIsRefused()
    {
        string yaml = Xor().Replace("data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}",
            "data: {generate: blobs, samples: 10000000, n_features: 10000}");
        var errors = TestLoader.Errors(yaml);
        Assert.Contains(errors, e => e.Contains("MaxParameters") && e.StartsWith("exp.yaml:3:"));
    }

    [Fact]
    public void MatrixSizesAreCheckedNotWrapped()
    {
        Assert.Throws<OverflowException>(() => new Matrix<double>(100_000, 100_000));
        Assert.Throws<OverflowException>(() => new Matrix<float>(65_536, 65_536));
    }

    [Fact]
    public void SweepExpansionIsLinearInTheTrials()
    {
        string Axis(int n) => SweepTestFiles.With("sweep:\n  axes:\n    optimizer.learning_rate: ["
            + string.Join(", ", Enumerable.Range(1, n).Select(i => (i * 0.001).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]\n");
        SweepTestFiles.Ok(Axis(50));
        var small = Stopwatch.StartNew();
        Assert.Equal(500, SweepTestFiles.Ok(Axis(500)).Trials.Count);
        small.Stop();
        var large = Stopwatch.StartNew();
        Assert.Equal(2000, SweepTestFiles.Ok(Axis(2000)).Trials.Count);
        large.Stop();
        // 4× the trials: linear takes ~4×, quadratic ~16×; allow a noisy shared machine twice the linear figure.
        Assert.True(large.Elapsed.TotalSeconds < 8 * small.Elapsed.TotalSeconds + 1,
            $"500 trials {small.Elapsed.TotalSeconds:F2} s, 2000 trials {large.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void SweepExpansionStopsOnCancellation()
    {
        string yaml = SweepTestFiles.With("sweep:\n  axes:\n    optimizer.learning_rate: {linspace: [0.001, 1, 6000]}\n");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new SweepLoader(TestLoader.BuiltIns, null, cancel.Token).LoadText(yaml, TestLoader.File, ""));
        Assert.True(clock.Elapsed.TotalSeconds < 1.5, $"{clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void ASweepThatWouldBuildTooManyNodesIsRefusedBeforeBuilding()
    {
        string yaml = SweepTestFiles.With("sweep:\n  axes:\n    optimizer.learning_rate: {linspace: [0.001, 1, 1000]}\n");
        var result = new SweepLoader(TestLoader.BuiltIns, InputLimits.Default with { MaxSweepNodes = 10_000 }).LoadText(yaml, TestLoader.File, "");
        Assert.True(result.Errors.Any(e => e.Line == 13 && e.Message.Contains("MaxSweepNodes")), string.Join("\n", result.Errors));
    }

    [Fact]
    public void TrialsShareEqualDataAndDistinctDataCountAgainstTheSweepBudget()
    {
        string yaml = SweepTestFiles.With("sweep:\n  axes:\n    optimizer.learning_rate: [0.1, 0.2, 0.3]\n");
        var sweep = SweepTestFiles.Ok(yaml);
        Assert.Same(sweep.Trials[0].Experiment.Data, sweep.Trials[2].Experiment.Data);

        string generated = SweepTestFiles.Xor.Replace("data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}",
            "data: {generate: moons, samples: 1000}") + "sweep:\n  repeats: 50\n  axes:\n    optimizer.learning_rate: [0.1]\n";
        var result = new SweepLoader(TestLoader.BuiltIns, InputLimits.Default with { MaxSweepDataValues = 100_000 }).LoadText(generated, TestLoader.File, "");
        Assert.True(result.Errors.Any(e => e.Message.Contains("distinct data sets hold more than 100000 values")
            && e.Message.Contains("NnLab:Limits:MaxSweepDataValues")), string.Join("\n", result.Errors));
    }

    [Fact]
    public void TrialsThatReSplitOneSourceShareItsRowsAndCountTheirTextOnce()
    {
        // Five seeds re-split the bundled digits five times: five data sets, one parse, one copy of the 115,000 cells.
        const string yaml = """
            name: digits
            seed: 3
            data: {dataset: digits, split: {train: 0.8, validation: 0.2}}
            model: [{linear: {units: 10}}]
            cost: softmax_cross_entropy
            training: {epochs: 1}
            sweep:
              axes:
                seed: [1, 2, 3, 4, 5]

            """;
        var sweep = SweepTestFiles.Ok(yaml);
        var first = sweep.Trials[0].Experiment.Data;
        var last = sweep.Trials[4].Experiment.Data;
        Assert.NotEqual(first.Table!.Split, last.Table!.Split);
        Assert.Same(first.Table.Rows[0], last.Table.Rows[0]);
        Assert.Same(first.Table.Rows[0][0], last.Table.Rows[0][0]);

        // Five data sets of 1797 examples' inputs and targets (and two lists of rows each) plus the text once: under
        // 1,400,000 values. Counting the text for each trial (4 × 1797 × 65 = 467,220 a trial) would pass 2,900,000.
        var limited = new SweepLoader(TestLoader.BuiltIns, InputLimits.Default with { MaxSweepDataValues = 1_400_000 }).LoadText(yaml, TestLoader.File, "");
        Assert.True(limited.Succeeded, string.Join("\n", limited.Errors));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        Assert.True(mkfifo.WaitForExit(5000) && mkfifo.ExitCode == 0, "mkfifo failed");
    }

    private static string CsvExperiment(string file) => $$$"""
        name: csv
        data:
          file: {{{file}}}
          input_columns: [x1, x2]
          target_columns: [y]
        model: [{linear: {units: 1}}, sigmoid]
        training: {epochs: 1}

        """;
}

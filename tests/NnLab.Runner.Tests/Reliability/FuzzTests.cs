using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace NnLab.Runner.Tests.Reliability;

/// <summary>
/// Issue #19's fuzzing as a test: a few hundred seeded mutations of the shipped experiments through the loader (as
/// <c>nnlab validate</c>) and a tenth of them through a run, each with no escaping exception, every error located,
/// bounded time (30 s: the largest valid sweeps, 10,000 trials, take
/// seconds; anything slower must still stop on cancellation) and memory (a peak working set under 500 MB). <c>NNLAB_FUZZ_CASES=10000</c> runs the long version (README "Reliability"), and
/// <c>NNLAB_FUZZ_REPORT=FILE</c> writes its figures.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    // Allocated, not live: a sweep of thousands of trials allocates gigabytes over its trials and frees them as it goes.
    private const long MaxBytes = 64L * 1024 * 1024 * 1024;

    // The process's peak working set (the test host's own ~100 MB included) must stay under this.
    private const long MaxWorkingSet = 500L * 1024 * 1024;

    [Fact]
    public void MutatedFilesNeverCrashHangOrExhaustMemory()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("NNLAB_FUZZ_CASES"), out int n) ? n : 300;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("NNLAB_FUZZ_SEED"), out int s) ? s : 19;
        using var folder = new TempFolder();
        var fuzzer = new LoaderFuzzer(seed, LoaderFuzzer.ShippedExperiments(), folder.Path);
        var results = new List<LoaderFuzzer.CaseResult>();
        var peaks = new List<(long Rise, LoaderFuzzer.CaseResult Case)>();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        for (int i = 0; i < cases; i++)
        {
            // Collect between cases, so each case's peak is its own and not the garbage of those before it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            self.Refresh();
            long before = self.PeakWorkingSet64;
            var result = fuzzer.Check(i, fuzzer.Next(), run: i % 10 == 0, maxSeconds: 30, MaxBytes);
            // The report shows a file's head; only a broken case's file is kept whole (10,000 files held to the end
            // would weigh on the very peak measured).
            if (result.Problem is null && result.Yaml.Length > HeadLength) result = result with { Yaml = result.Yaml[..HeadLength] };
            results.Add(result);
            self.Refresh();
            if (self.PeakWorkingSet64 > before) peaks.Add((self.PeakWorkingSet64 - before, result));
        }

        string report = Report(results, seed) + string.Concat(peaks.OrderByDescending(p => p.Rise).Take(3).Select(p =>
            $"peak working set rose {p.Rise / 1e6:F0} MB in case {p.Case.Number} ({p.Case.Seconds:F1} s): {Head(p.Case.Yaml)}\n"))
            + string.Concat(results.Where(r => r.Problem is not null).Select(r => $"case {r.Number}: {Head(r.Problem!)}\n--- file ---\n{Head(r.Yaml, 1500)}\n"));
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("NNLAB_FUZZ_REPORT") is { Length: > 0 } path) File.WriteAllText(path, report);
        var failures = results.Where(r => r.Problem is not null).ToList();
        // Each case's own rise of the peak stays under the bound; so does the whole process's peak in the CI version
        // (the long run's process peak adds the test host's ~250 MB and the garbage of 10,000 cases: README figures).
        long largestRise = peaks.Count == 0 ? 0 : peaks.Max(p => p.Rise);
        Assert.True(largestRise < MaxWorkingSet, $"one case raised the peak working set by {largestRise / 1e6:F0} MB\n{report}");
        self.Refresh();
        if (cases <= 1000) Assert.True(self.PeakWorkingSet64 < MaxWorkingSet, $"peak working set {self.PeakWorkingSet64 / 1e6:F0} MB\n{report}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5).Select(f =>
            $"case {f.Number}: {f.Problem}\n--- file ---\n{(f.Yaml.Length > 2000 ? f.Yaml[..2000] + "…" : f.Yaml)}")));
    }

    private static string Report(List<LoaderFuzzer.CaseResult> results, int seed)
    {
        var times = results.Select(r => r.Seconds).Order().ToList();
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"seed {seed}: {results.Count} cases, {results.Count(r => r.Number % 10 == 0)} also run");
        text.AppendLine(c, $"valid {results.Count(r => r.Valid)}, refused {results.Count(r => !r.Valid)}, broken rules {results.Count(r => r.Problem is not null)}, slow (past the limit, stopped by cancellation) {results.Count(r => r.Slow)}");
        text.AppendLine(c, $"time per case: median {times[times.Count / 2] * 1000:F1} ms, p99 {times[(int)(times.Count * 0.99)] * 1000:F0} ms, max {times[^1] * 1000:F0} ms; total {times.Sum():F1} s");
        text.AppendLine(c, $"allocated per case: max {results.Max(r => r.AllocatedBytes) / 1e6:F0} MB; peak working set {Environment.WorkingSet / 1e6:F0} MB now, {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB at most");
        return text.ToString();
    }

    private const int HeadLength = 300;

    private static string Head(string text, int length = HeadLength) =>
        (text.Length > length ? text[..length] + "…" : text).Replace("\n", "\n    ");

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("nnlab-fuzz-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

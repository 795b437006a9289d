using NnLab.Runner.IO;
using NnLab.Runner.Output;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// groups.csv: one row per combination of axis values (trials that differ only by repeat and seed), in order: its
/// number, label and axis values, how many repeats it has and how many completed, diverged, failed or did not run,
/// then for each metric the sweep has the mean, sample standard deviation (ddof 1; empty with one value), min and
/// max over the completed repeats.
/// </summary>
internal static class SweepGroupsCsv
{
    private static readonly string[] Statistics = ["mean", "std", "min", "max"];

    public static void Write(string path, IReadOnlyList<string> parameterNames, IReadOnlyList<TrialGroup> groups, IReadOnlyList<SweepMetric> metrics)
    {
        var names = parameterNames.Where(n => groups.Count == 0 || groups[0].Parameters.ContainsKey(n)).ToList();
        AtomicFile.WriteText(path, writer =>
        {
            Csv.WriteRow(writer,
            [
                "group", "label", .. names.Select(Csv.Text), "repeats", "completed", "diverged", "failed", "not_run",
                .. metrics.SelectMany(m => Statistics.Select(s => $"{m.Key()}_{s}")),
            ]);
            foreach (var group in groups)
            {
                Csv.WriteRow(writer,
                [
                    Csv.Number(group.Index), Csv.Text(group.Label), .. names.Select(n => Csv.Text(group.Parameters.GetValueOrDefault(n, ""))),
                    Csv.Number(group.Trials.Count), Csv.Number(group.Completed), Csv.Number(group.Diverged), Csv.Number(group.Failed),
                    Csv.Number(group.NotRun), .. metrics.SelectMany(m => Fields(group.Statistics(m))),
                ]);
            }
        });
    }

    private static string[] Fields(MetricStatistics? s) => s is null
        ? ["", "", "", ""]
        : [Csv.Number(s.Mean), s.StandardDeviation is { } d ? Csv.Number(d) : "", Csv.Number(s.Min), Csv.Number(s.Max)];
}

using System.Globalization;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// What a sweep prints on stdout when it is done: where it is, how it ended, the best trial by the sweep's ranking
/// metric (rank_by), and a table ranked by it: the trials, or with repeats the groups of repeats by the metric's
/// mean, the first <see cref="MaxRows"/> of them. Every number is in summary.csv and groups.csv.
/// </summary>
internal static class SweepResultPrinter
{
    /// <summary>Rows of the ranked table at most: a 10,000-trial sweep printed 10,000 lines after its progress.</summary>
    public const int MaxRows = 40;

    public static void Print(SweepOutcome outcome, TextWriter output)
    {
        var tally = Tally.Of(outcome);
        bool grouped = outcome.Repeats > 1;
        Line(output, "sweep folder", outcome.Folder.DisplayPath);
        // Trials still pending were to run but never started (Ctrl+C, on_error: stop): they did not run now. `sweep status`
        // runs none (Ran 0): never fewer than none.
        int ranNow = Math.Max(0, outcome.Ran - tally.Count(TrialStatus.Pending));
        Line(output, "status", $"{outcome.Status.ToString().ToLowerInvariant()} ({Counts(tally, outcome.Trials.Count, ranNow)})");
        Line(output, "best", grouped ? BestGroup(outcome, tally) : BestTrial(outcome, tally));
        Line(output, "wall time", $"{outcome.WallTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        output.WriteLine();
        output.WriteLine($"ranked by {RankedBy(outcome)} ({(outcome.RankBy.HigherIsBetter() ? "highest" : "lowest")} first)"
            + (grouped ? "; every trial is in summary.csv" : ""));
        if (grouped) GroupTable(outcome, tally, output);
        else TrialTable(outcome, tally, output);
    }

    private static readonly SweepMetric[] HeldOutMetrics =
        [SweepMetric.ValidationCost, SweepMetric.BestValidationCost, SweepMetric.ValidationAccuracy, SweepMetric.TestCost, SweepMetric.TestAccuracy];

    /// <summary>
    /// What the printout needs of every trial, read in one pass (a large sweep's records are made as they are read: a
    /// pass over 100,000 costs a few tenths of a second): how many have each status, which held-out metrics and whether
    /// accuracy some trial has, and the first <see cref="MaxRows"/> trials by the ranking.
    /// </summary>
    private sealed record Tally(IReadOnlyDictionary<TrialStatus, int> Counts, IReadOnlyList<SweepMetric> HeldOut, bool AnyAccuracy,
        IReadOnlyList<TrialRecord> Ranked)
    {
        public int Count(TrialStatus status) => Counts.GetValueOrDefault(status);

        public static Tally Of(SweepOutcome outcome)
        {
            var counts = new Dictionary<TrialStatus, int>();
            var present = new HashSet<SweepMetric>();
            bool accuracy = false;
            IEnumerable<TrialRecord> Counted()
            {
                foreach (var t in outcome.Trials)
                {
                    counts[t.Status] = counts.GetValueOrDefault(t.Status) + 1;
                    foreach (var m in HeldOutMetrics)
                        if (t.Metric(m) is not null) present.Add(m);
                    accuracy |= t.Accuracy is not null;
                    yield return t;
                }
            }
            var ranked = SweepRanking.Top(Counted(), outcome.RankBy, MaxRows);
            return new Tally(counts, HeldOutMetrics.Where(present.Contains).ToList(), accuracy, ranked);
        }
    }

    /// <summary>"validation cost", or "mean validation cost over 3 repeats".</summary>
    private static string RankedBy(SweepOutcome outcome) =>
        outcome.Repeats > 1 ? $"mean {outcome.RankBy.Words()} over {outcome.Repeats} repeats" : outcome.RankBy.Words();

    private static string BestTrial(SweepOutcome outcome, Tally tally)
    {
        var metric = SweepMetrics.Of(outcome.RankBy);
        // The best is the first ranked trial when it completed with the metric (those rank first).
        if (tally.Ranked.FirstOrDefault() is not { Status: TrialStatus.Completed } best || best.Metric(metric) is not { } value
            || !double.IsFinite(value)) return None(outcome, tally);
        string also = outcome.RankBy == SweepRankBy.FinalCost ? "" : $", final cost {Number(best.FinalCost)}";
        return $"by {RankedBy(outcome)}: {best.Label} ({outcome.RankBy.Words()} {Value(best.Metric(metric), metric)}{also})";
    }

    private static string BestGroup(SweepOutcome outcome, Tally tally)
    {
        if (outcome.BestGroup is not { } best) return None(outcome, tally);
        var metric = SweepMetrics.Of(outcome.RankBy);
        var stats = best.Statistics(metric)!;
        string spread = stats.StandardDeviation is { } sd ? $" ± {Value(sd, metric)} sd" : "";
        string complete = stats.Count == best.Trials.Count ? "" : $"; {stats.Count} of {best.Trials.Count} repeats completed";
        return $"by {RankedBy(outcome)}: {best.Label} ({Value(stats.Mean, metric)}{spread}{complete})";
    }

    private static string None(SweepOutcome outcome, Tally tally) =>
        tally.Count(TrialStatus.Completed) > 0 ? $"none: no completed trial has a {outcome.RankBy.Words()}" : "none: no trial completed";

    private static string Counts(Tally tally, int trials, int ran)
    {
        var parts = tally.Counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key.ToString().ToLowerInvariant()}");
        return $"{trials} trials, {ran} run now: {string.Join(", ", parts)}";
    }

    private static void TrialTable(SweepOutcome outcome, Tally tally, TextWriter output)
    {
        var held = tally.HeldOut;
        string[] header = ["rank", "label", "status", "final cost", "final/initial", "best cost", .. held.Select(Heading), "accuracy", "seconds"];
        var rows = tally.Ranked.Select((t, rank) => TrialRow(rank + 1, outcome.Results[t.Index], held)).ToList();
        Table(header, rows, output);
        More(outcome.Trials.Count, "trials", SweepFiles.Summary, output);
    }

    private static string[] TrialRow(int rank, TrialResult result, IReadOnlyList<SweepMetric> held)
    {
        var t = result.Record;
        return
        [
            rank.ToString(CultureInfo.InvariantCulture), t.Label, t.Status.ToString().ToLowerInvariant(), Number(t.FinalCost),
            Number(result.FinalToInitial), Number(result.BestCost), .. held.Select(m => Value(t.Metric(m), m)),
            Value(t.Accuracy, SweepMetric.Accuracy), Value(t.WallTimeSeconds, SweepMetric.WallTimeSeconds),
        ];
    }

    /// <summary>One row per group: its repeats' outcome, the ranking metric's mean, sd, min and max, and the means of the rest.</summary>
    private static void GroupTable(SweepOutcome outcome, Tally tally, TextWriter output)
    {
        var metric = SweepMetrics.Of(outcome.RankBy);
        SweepMetric[] all = [SweepMetric.FinalCost, .. tally.HeldOut, SweepMetric.Accuracy, SweepMetric.WallTimeSeconds];
        var others = all.Where(m => m != metric && (m != SweepMetric.Accuracy || tally.AnyAccuracy)).ToList();
        string name = Heading(metric);
        string[] header = ["rank", "group", "repeats", $"{name} mean", "sd", "min", "max", .. others.Select(m => $"{Heading(m)} mean")];
        var rows = outcome.RankedGroups(MaxRows).Select((g, rank) =>
        {
            var stats = g.Statistics(metric);
            return new[]
            {
                (rank + 1).ToString(CultureInfo.InvariantCulture), g.Label, Repeats(g),
                Value(stats?.Mean, metric), Value(stats?.StandardDeviation, metric), Value(stats?.Min, metric), Value(stats?.Max, metric),
            }.Concat(others.Select(m => Value(g.Statistics(m)?.Mean, m))).ToArray();
        }).ToList();
        Table(header, rows, output);
        More(outcome.Groups.Count, "groups", SweepFiles.Groups, output);
    }

    private static void More(int count, string what, string file, TextWriter output)
    {
        if (count > MaxRows) output.WriteLine($"... and {count - MaxRows} more {what}: {file} has every one");
    }

    /// <summary>"3 completed", or "2 of 3 completed, 1 diverged".</summary>
    private static string Repeats(TrialGroup g)
    {
        if (g.Completed == g.Trials.Count) return $"{g.Completed} completed";
        var parts = new List<string> { $"{g.Completed} of {g.Trials.Count} completed" };
        if (g.Diverged > 0) parts.Add($"{g.Diverged} diverged");
        if (g.Failed > 0) parts.Add($"{g.Failed} failed");
        if (g.NotRun > 0) parts.Add($"{g.NotRun} not run");
        return string.Join(", ", parts);
    }

    private static string Heading(SweepMetric metric) => metric switch
    {
        SweepMetric.WallTimeSeconds => "seconds",
        SweepMetric.ValidationCost => "val cost",
        SweepMetric.BestValidationCost => "best val cost",
        SweepMetric.ValidationAccuracy => "val accuracy",
        _ => metric.Key().Replace('_', ' '),
    };

    private static void Table(string[] header, IReadOnlyList<string[]> rows, TextWriter output)
    {
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Format(header, widths));
        foreach (var row in rows) output.WriteLine(Format(row, widths));
    }

    // Numbers left-aligned but for rank, so the table reads like the CSV it summarises.
    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label,-12} {value}");

    private static string Value(double? value, SweepMetric metric) => metric switch
    {
        _ when value is null => "-",
        SweepMetric.Accuracy or SweepMetric.ValidationAccuracy or SweepMetric.TestAccuracy => value.Value.ToString("P1", CultureInfo.InvariantCulture),
        SweepMetric.WallTimeSeconds => value.Value.ToString("0.000", CultureInfo.InvariantCulture),
        _ => Number(value),
    };

    private static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e") ?? "-";
}

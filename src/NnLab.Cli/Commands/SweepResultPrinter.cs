using System.Globalization;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// What a sweep prints on stdout when it is done: where it is, how it ended, the best trial, and a table of every
/// trial ranked by final cost (diverged, failed and unrun trials last). The numbers are in summary.csv too.
/// </summary>
internal static class SweepResultPrinter
{
    public static void Print(SweepOutcome outcome, TextWriter output)
    {
        var trials = outcome.Trials;
        Line(output, "sweep folder", outcome.Folder.DisplayPath);
        // Trials still pending were to run but never started (Ctrl+C, on_error: stop): they did not run now.
        int ranNow = outcome.Ran - trials.Count(t => t.Status == TrialStatus.Pending);
        Line(output, "status", $"{outcome.Status.ToString().ToLowerInvariant()} ({Counts(trials, ranNow)})");
        Line(output, "best", outcome.Best is { } best ? $"{best.Label} (final cost {Number(best.FinalCost)})" : "none: no trial completed");
        Line(output, "wall time", $"{outcome.WallTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        output.WriteLine();
        Table(outcome, output);
    }

    private static string Counts(IReadOnlyList<TrialRecord> trials, int ran)
    {
        var parts = trials.GroupBy(t => t.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        return $"{trials.Count} trials, {ran} run now: {string.Join(", ", parts)}";
    }

    private static void Table(SweepOutcome outcome, TextWriter output)
    {
        var byIndex = outcome.Results.ToDictionary(r => r.Record.Index);
        string[] header = ["rank", "label", "status", "final cost", "final/initial", "best cost", "accuracy", "seconds"];
        var rows = SweepRanking.Sort(outcome.Trials).Select((t, rank) => Row(rank + 1, byIndex[t.Index])).ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Format(header, widths));
        foreach (var row in rows) output.WriteLine(Format(row, widths));
    }

    private static string[] Row(int rank, TrialResult result)
    {
        var t = result.Record;
        return
        [
            rank.ToString(CultureInfo.InvariantCulture), t.Label, t.Status.ToString().ToLowerInvariant(), Number(t.FinalCost),
            Number(result.FinalToInitial), Number(result.BestCost),
            t.Accuracy is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "-",
            t.WallTimeSeconds is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "-",
        ];
    }

    // Numbers left-aligned but for rank, so the table reads like the CSV it summarises.
    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label,-12} {value}");

    private static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e") ?? "-";
}

using System.Globalization;
using NnLab.Runner;

namespace NnLab.Cli.Commands;

/// <summary>The few lines run prints on stdout when it is done; the full story is in the run folder.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(RunOutcome outcome, TextWriter output)
    {
        var s = outcome.Summary;
        Line(output, "run folder", outcome.Folder.DisplayPath);
        Line(output, "status", s.Status.ToString().ToLowerInvariant());
        if (s.Reason is not null) Line(output, "reason", s.Reason);
        Line(output, "final cost", Number(s.FinalCost));
        Line(output, "accuracy", s.Accuracy is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "n/a");
        Line(output, "epochs", $"{s.EpochsCompleted} of {s.EpochsRequested}");
        Line(output, "wall time", $"{s.WallTimeSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label,-11} {value}");

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "n/a";
}

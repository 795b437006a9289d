using NnLab.Runner.IO;
using NnLab.Runner.Output;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// summary.csv: one row per trial in trial order: its parameters, status, final cost, the best recorded cost and its
/// epoch, the first recorded cost and final/initial ratio (≪ 1 learned, ≈ 1 crawled, ≥ 1 stalled or diverged),
/// accuracy, wall time and the reason a trial did not complete. Empty fields mean "no such number".
/// </summary>
internal static class SweepSummaryCsv
{
    private static readonly string[] Columns =
    [
        "status", "epochs_completed", "final_cost", "best_cost", "best_epoch", "initial_cost", "final_to_initial",
        "accuracy", "wall_time_seconds", "reason",
    ];

    public static void Write(string path, IReadOnlyList<string> parameterNames, IReadOnlyList<TrialResult> trials) =>
        AtomicFile.WriteText(path, writer =>
        {
            Csv.WriteRow(writer, ["trial", "label", .. parameterNames.Select(Csv.Text), .. Columns]);
            foreach (var result in trials) Csv.WriteRow(writer, Row(result, parameterNames));
        });

    private static IEnumerable<string> Row(TrialResult result, IReadOnlyList<string> parameterNames)
    {
        var t = result.Record;
        return
        [
            Csv.Number(t.Index), Csv.Text(t.Label),
            .. parameterNames.Select(n => Csv.Text(t.Parameters.GetValueOrDefault(n, ""))),
            t.Status.ToString().ToLowerInvariant(), Optional(t.EpochsCompleted), Optional(t.FinalCost),
            Optional(result.BestCost), Optional(result.BestEpoch), Optional(result.InitialCost), Optional(result.FinalToInitial),
            Optional(t.Accuracy), Optional(t.WallTimeSeconds), Csv.Text(t.Reason ?? ""),
        ];
    }

    private static string Optional(double? value) => value is { } v ? Csv.Number(v) : "";

    private static string Optional(int? value) => value is { } v ? Csv.Number(v) : "";
}

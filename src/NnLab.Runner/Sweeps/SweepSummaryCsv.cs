using NnLab.Runner.IO;
using NnLab.Runner.Output;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// summary.csv: one row per trial in trial order: its parameters, status, final cost, the best recorded cost and its
/// epoch, the first recorded cost and final/initial ratio (≪ 1 learned, ≈ 1 crawled, ≥ 1 stalled or diverged),
/// accuracy, with a validation split the validation cost, best validation cost and validation accuracy, with a test
/// split the test cost and accuracy, then wall time and the reason a trial did not complete. Empty fields mean
/// "no such number".
/// </summary>
internal static class SweepSummaryCsv
{
    private static readonly SweepMetric[] Held =
    [
        SweepMetric.ValidationCost, SweepMetric.BestValidationCost, SweepMetric.ValidationAccuracy, SweepMetric.TestCost, SweepMetric.TestAccuracy,
    ];

    public static void Write(string path, IReadOnlyList<string> parameterNames, IReadOnlyList<TrialResult> trials, SweepSplits splits)
    {
        var held = Held.Where(SweepMetrics.Columns(splits).Contains).ToList();
        AtomicFile.WriteText(path, writer =>
        {
            Csv.WriteRow(writer,
            [
                "trial", "label", .. parameterNames.Select(Csv.Text), "status", "epochs_completed", "final_cost", "best_cost", "best_epoch",
                "initial_cost", "final_to_initial", "accuracy", .. held.Select(m => m.Key()), "wall_time_seconds", "reason",
            ]);
            foreach (var result in trials) Csv.WriteRow(writer, Row(result, parameterNames, held));
        });
    }

    private static IEnumerable<string> Row(TrialResult result, IReadOnlyList<string> parameterNames, IReadOnlyList<SweepMetric> held)
    {
        var t = result.Record;
        return
        [
            Csv.Number(t.Index), Csv.Text(t.Label),
            .. parameterNames.Select(n => Csv.Text(t.Parameters.GetValueOrDefault(n, ""))),
            t.Status.ToString().ToLowerInvariant(), Optional(t.EpochsCompleted), Optional(t.FinalCost),
            Optional(result.BestCost), Optional(result.BestEpoch), Optional(result.InitialCost), Optional(result.FinalToInitial),
            Optional(t.Accuracy), .. held.Select(m => Optional(t.Metric(m))), Optional(t.WallTimeSeconds), Csv.Text(t.Reason ?? ""),
        ];
    }

    private static string Optional(double? value) => value is { } v ? Csv.Number(v) : "";

    private static string Optional(int? value) => value is { } v ? Csv.Number(v) : "";
}

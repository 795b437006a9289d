using NnLab.Runner.IO;
using NnLab.Runner.Output;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// costs.csv: every trial's recorded costs in long format (trial, its parameters, epoch, cost), one row per
/// cost.csv row, ready to pivot or plot by parameter.
/// </summary>
internal static class SweepCostsCsv
{
    public static void Write(string path, IReadOnlyList<string> parameterNames, IReadOnlyList<(TrialRecord Record, TrialCurve Curve)> trials) =>
        AtomicFile.WriteText(path, writer =>
        {
            Csv.WriteRow(writer, ["trial", .. parameterNames.Select(Csv.Text), "epoch", "cost"]);
            foreach (var (record, curve) in trials)
            {
                string prefix = string.Join(',',
                    [Csv.Number(record.Index), .. parameterNames.Select(n => Csv.Text(record.Parameters.GetValueOrDefault(n, "")))]);
                foreach (var row in curve.Rows)
                    writer.WriteLine($"{prefix},{Csv.Number(row.Epoch)},{Csv.Number(row.Cost)}");
            }
        });
}

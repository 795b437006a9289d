using NnLab.Runner.IO;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// costs.csv: every trial's recorded costs in long format (trial, its parameters, epoch, cost, and validation_cost
/// when some trial recorded one), one row per cost.csv row, ready to pivot or plot by parameter.
/// </summary>
internal static class SweepCostsCsv
{
    public static void Write(string path, IReadOnlyList<string> parameterNames, IReadOnlyList<TrialRecord> trials,
        Func<int, IReadOnlyList<CostRecord>> curve, bool validation)
    {
        AtomicFile.WriteText(path, writer =>
        {
            Csv.WriteRow(writer, ["trial", .. parameterNames.Select(Csv.Text), "epoch", "cost", .. validation ? ["validation_cost"] : Array.Empty<string>()]);
            foreach (var record in trials)
            {
                string prefix = string.Join(',',
                    [Csv.Number(record.Index), .. parameterNames.Select(n => Csv.Text(record.Parameters.GetValueOrDefault(n, "")))]);
                foreach (var row in curve(record.Index))
                {
                    string line = $"{prefix},{Csv.Number(row.Epoch)},{Csv.Number(row.Cost)}";
                    if (validation) line += "," + (row.ValidationCost is { } v ? Csv.Number(v) : "");
                    writer.WriteLine(line);
                }
            }
        });
    }
}

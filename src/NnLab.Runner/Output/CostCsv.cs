using NnLab.Numerics;
using NnLab.Runner.IO;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Output;

/// <summary>
/// cost.csv: "epoch,cost", one row per recorded epoch; with a validation split also validation_cost and
/// validation_accuracy (classification) or validation_mae (regression).
/// </summary>
internal static class CostCsv
{
    public const string Header = "epoch,cost";

    public static void Write(string path, IReadOnlyList<CostRecord> rows, Precision precision)
    {
        bool validation = rows.Any(r => r.ValidationCost is not null);
        bool accuracy = rows.Any(r => r.ValidationAccuracy is not null);
        bool mae = rows.Any(r => r.ValidationMae is not null);
        AtomicFile.WriteText(path, writer =>
        {
            writer.WriteLine(Header + (validation ? ",validation_cost" : "") + (accuracy ? ",validation_accuracy" : "") + (mae ? ",validation_mae" : ""));
            foreach (var row in rows)
            {
                writer.Write(Csv.Number(row.Epoch));
                writer.Write(',');
                writer.Write(Csv.Number(row.Cost, precision));
                if (validation) writer.Write("," + Optional(row.ValidationCost, precision));
                if (accuracy) writer.Write("," + Optional(row.ValidationAccuracy, Precision.Float64));
                if (mae) writer.Write("," + Optional(row.ValidationMae, precision));
                writer.WriteLine();
            }
        });
    }

    private static string Optional(double? value, Precision precision) => value is { } v ? Csv.Number(v, precision) : "";
}

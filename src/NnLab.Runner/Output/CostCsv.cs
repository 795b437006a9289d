using System.Globalization;
using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Runner.IO;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Output;

/// <summary>
/// cost.csv: "epoch,cost", one row per recorded epoch, appended as each is recorded (<see cref="CsvAppender"/>); with a
/// validation split also validation_cost and validation_accuracy (classification) or validation_mae (regression).
/// </summary>
internal static class CostCsv
{
    public const string Header = "epoch,cost";

    /// <summary>The columns a run of <paramref name="experiment"/> records, known before its first epoch.</summary>
    public static IReadOnlyList<string> ColumnsFor(Experiment experiment) => experiment.Data.Validation is null
        ? ["epoch", "cost"]
        : ["epoch", "cost", "validation_cost", experiment.ValidationScoresAccuracy ? "validation_accuracy" : "validation_mae"];

    public static void Append(CsvAppender file, CostRecord row, Precision precision)
    {
        if (file.Columns.Count == 2)
        {
            file.Append(Csv.Number(row.Epoch), Csv.Number(row.Cost, precision));
            return;
        }
        double? metric = row.ValidationAccuracy ?? row.ValidationMae;
        file.Append(Csv.Number(row.Epoch), Csv.Number(row.Cost, precision), Optional(row.ValidationCost, precision),
            Optional(metric, row.ValidationAccuracy is null ? precision : Precision.Float64));
    }

    /// <summary>A row read back from cost.csv with <paramref name="columns"/> (a resumed run keeps the earlier rows).</summary>
    public static CostRecord Parse(IReadOnlyList<string> columns, string[] fields)
    {
        double? Field(string name) =>
            columns.ToList().IndexOf(name) is var i and >= 0 && fields[i].Length > 0 ? double.Parse(fields[i], CultureInfo.InvariantCulture) : null;
        return new CostRecord(int.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture))
        {
            ValidationCost = Field("validation_cost"),
            ValidationAccuracy = Field("validation_accuracy"),
            ValidationMae = Field("validation_mae"),
        };
    }

    private static string Optional(double? value, Precision precision) => value is { } v ? Csv.Number(v, precision) : "";
}

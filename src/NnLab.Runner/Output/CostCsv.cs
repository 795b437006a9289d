using NnLab.Numerics;

namespace NnLab.Runner.Output;

/// <summary>cost.csv: "epoch,cost", one row per recorded epoch, appended as each is recorded (<see cref="CsvAppender"/>).</summary>
internal static class CostCsv
{
    public const string Header = "epoch,cost";

    public static IReadOnlyList<string> Columns { get; } = ["epoch", "cost"];

    public static void Append(CsvAppender file, int epoch, double cost, Precision precision) =>
        file.Append(Csv.Number(epoch), Csv.Number(cost, precision));
}

using NnLab.Numerics;
using NnLab.Runner.IO;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Output;

/// <summary>cost.csv: "epoch,cost", one row per recorded epoch.</summary>
internal static class CostCsv
{
    public const string Header = "epoch,cost";

    public static void Write(string path, IReadOnlyList<CostRecord> rows, Precision precision) =>
        AtomicFile.WriteText(path, writer =>
        {
            writer.WriteLine(Header);
            foreach (var row in rows)
            {
                writer.Write(Csv.Number(row.Epoch));
                writer.Write(',');
                writer.WriteLine(Csv.Number(row.Cost, precision));
            }
        });
}

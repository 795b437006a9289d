using System.Globalization;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// A trial's cost curve, read back from its own cost.csv, so the sweep's summaries say exactly what the trial
/// folders say, for trials of this run and of earlier runs alike.
/// </summary>
internal sealed class TrialCurve
{
    private TrialCurve(IReadOnlyList<CostRecord> rows) => Rows = rows;

    public static TrialCurve Empty { get; } = new([]);

    public IReadOnlyList<CostRecord> Rows { get; }

    /// <summary>The cost at the first recorded epoch (epoch 0), before any update.</summary>
    public double? Initial => Rows.Count > 0 ? Rows[0].Cost : null;

    /// <summary>The lowest finite recorded cost and its epoch (the first such epoch on a tie).</summary>
    public CostRecord? Best
    {
        get
        {
            CostRecord? best = null;
            foreach (var row in Rows)
                if (double.IsFinite(row.Cost) && (best is null || row.Cost < best.Value.Cost)) best = row;
            return best;
        }
    }

    /// <summary>The curve in <paramref name="costCsvPath"/>; empty when the file is missing (the trial never wrote one).</summary>
    public static TrialCurve Read(string costCsvPath)
    {
        if (!File.Exists(costCsvPath)) return Empty;
        var rows = new List<CostRecord>();
        foreach (var line in File.ReadLines(costCsvPath).Skip(1))
        {
            int comma = line.IndexOf(',');
            if (comma < 0) continue;
            rows.Add(new CostRecord(
                int.Parse(line.AsSpan(0, comma), NumberStyles.Integer, CultureInfo.InvariantCulture),
                double.Parse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        return new TrialCurve(rows);
    }
}

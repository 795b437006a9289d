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

    /// <summary>The curve of <paramref name="rows"/>.</summary>
    public static TrialCurve Of(IReadOnlyList<CostRecord> rows) => rows.Count == 0 ? Empty : new(rows);

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

    /// <summary>The lowest finite recorded validation cost, or null when the trial recorded none.</summary>
    public double? BestValidationCost
    {
        get
        {
            double? best = null;
            foreach (var row in Rows)
                if (row.ValidationCost is { } v && double.IsFinite(v) && (best is null || v < best)) best = v;
            return best;
        }
    }

    /// <summary>The validation cost recorded at <paramref name="epoch"/>, if any.</summary>
    public double? ValidationCostAt(int epoch)
    {
        foreach (var row in Rows)
            if (row.Epoch == epoch) return row.ValidationCost;
        return null;
    }

    /// <summary>
    /// The curve in <paramref name="costCsvPath"/>; empty when the file is missing (the trial never wrote one). Columns
    /// are found by their header names (epoch, cost, validation_cost), so columns it does not know are skipped.
    /// </summary>
    public static TrialCurve Read(string costCsvPath)
    {
        if (!File.Exists(costCsvPath)) return Empty;
        var rows = new List<CostRecord>();
        int epochColumn = -1, costColumn = -1, validationColumn = -1;
        bool header = true;
        foreach (var line in File.ReadLines(costCsvPath))
        {
            var fields = line.Split(',');
            if (header)
            {
                epochColumn = Array.IndexOf(fields, "epoch");
                costColumn = Array.IndexOf(fields, "cost");
                validationColumn = Array.IndexOf(fields, "validation_cost");
                if (epochColumn < 0 || costColumn < 0) return Empty;
                header = false;
                continue;
            }
            if (fields.Length <= Math.Max(epochColumn, costColumn)) continue;
            rows.Add(new CostRecord(
                int.Parse(fields[epochColumn], NumberStyles.Integer, CultureInfo.InvariantCulture),
                double.Parse(fields[costColumn], NumberStyles.Float, CultureInfo.InvariantCulture))
            {
                ValidationCost = validationColumn >= 0 && validationColumn < fields.Length && fields[validationColumn].Length > 0
                    ? double.Parse(fields[validationColumn], NumberStyles.Float, CultureInfo.InvariantCulture)
                    : null,
            });
        }
        return new TrialCurve(rows);
    }
}

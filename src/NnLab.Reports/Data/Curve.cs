namespace NnLab.Reports.Data;

/// <summary>A recorded cost curve: epochs and the cost at each, optionally the validation cost at the same epochs.</summary>
internal sealed record Curve(double[] Epochs, double[] Costs, double[]? ValidationCosts = null)
{
    public int Count => Epochs.Length;

    public static Curve Empty { get; } = new([], []);

    /// <summary>Reads cost.csv (epoch, cost and, when the run had a validation split, validation_cost).</summary>
    public static Curve? Read(string path)
    {
        if (CsvTable.TryRead(path) is not { } table) return null;
        int epoch = table.IndexOf("epoch"), cost = table.IndexOf("cost"), validation = table.IndexOf("validation_cost");
        if (epoch < 0 || cost < 0) return null;
        var rows = table.Rows;
        return new Curve(
            rows.Select(r => CsvTable.Number(r, epoch)).ToArray(),
            rows.Select(r => CsvTable.Number(r, cost)).ToArray(),
            validation < 0 ? null : rows.Select(r => CsvTable.Number(r, validation)).ToArray());
    }

    /// <summary>
    /// Whether the cost was still falling when the curve ends: its last recorded value is its lowest, and the last
    /// tenth of the recorded epochs lowered it by more than 0.1 % (a flat plateau does not count).
    /// </summary>
    public bool StillFalling() => StillFalling(Epochs, Costs);

    /// <inheritdoc cref="StillFalling()"/>
    public static bool StillFalling(ReadOnlySpan<double> epochs, ReadOnlySpan<double> costs)
    {
        int count = epochs.Length;
        if (count < 3) return false;
        double last = costs[^1];
        if (!double.IsFinite(last)) return false;
        for (int i = 0; i < count - 1; i++) if (costs[i] < last) return false;
        double cutoff = epochs[^1] - 0.1 * (epochs[^1] - epochs[0]);
        int j = count - 2;
        while (j > 0 && epochs[j] > cutoff) j--;
        return costs[j] > last * 1.001;
    }
}

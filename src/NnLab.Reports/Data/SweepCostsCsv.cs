using System.Globalization;
using System.Runtime.InteropServices;

namespace NnLab.Reports.Data;

/// <summary>
/// A sweep's costs.csv, long format: trial, &lt;parameters…&gt;, epoch, cost[, validation_cost], the rows of a trial
/// consecutive. Read one trial's rows at a time, so no more than one trial's curve is held unless the caller keeps it.
/// </summary>
internal static class SweepCostsCsv
{
    /// <summary>A trial's rows: its position among the sweep's trials, its epochs and its costs (valid during the call).</summary>
    public delegate void TrialRows(int position, ReadOnlySpan<double> epochs, ReadOnlySpan<double> costs);

    /// <summary>
    /// Calls <paramref name="rows"/> with each trial's rows, for the trials whose position <paramref name="wanted"/>
    /// accepts; the rows of others are only counted off, not parsed. A trial whose rows come twice gets the call twice
    /// (the later call is the one that counts).
    /// </summary>
    public static void Read(string path, SweepTrials trials, Func<int, bool> wanted, TrialRows rows)
    {
        if (!File.Exists(path)) return;
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',');
        if (header is null) return;
        int epoch = Array.IndexOf(header, "epoch"), cost = Array.IndexOf(header, "cost");
        if (Array.IndexOf(header, "trial") < 0 || epoch < 0 || cost < 0) return;
        // Parameter values may be quoted and hold commas, but trial is first and epoch, cost (and validation) come
        // last: counting from the end keeps the parse a plain split for every row.
        int fromEnd = header.Length - epoch;
        var epochs = new List<double>();
        var costs = new List<double>();
        int current = -1;
        bool keep = false;
        void Flush()
        {
            if (keep && epochs.Count > 0) rows(PositionOf(current), CollectionsMarshal.AsSpan(epochs), CollectionsMarshal.AsSpan(costs));
            epochs.Clear();
            costs.Clear();
        }
        int PositionOf(int index) => trials.TryPosition(index, out int position) ? position : -1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            // A row with fewer cells than the header (a torn last line) is skipped; a cell is what a split at each comma gives.
            if (line.AsSpan().Count(',') + 1 < header.Length) continue;
            int comma = line.IndexOf(',');
            if (!int.TryParse(line.AsSpan(0, comma), NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)) continue;
            if (index != current)
            {
                Flush();
                current = index;
                keep = PositionOf(index) is >= 0 and var p && wanted(p);
            }
            if (!keep) continue;
            epochs.Add(Parse(CellFromEnd(line, fromEnd)));
            costs.Add(Parse(CellFromEnd(line, fromEnd - (cost - epoch))));
        }
        Flush();
    }

    /// <summary>The <paramref name="k"/>-th cell from the end of <paramref name="line"/> (1: the last), without splitting the rest.</summary>
    private static ReadOnlySpan<char> CellFromEnd(ReadOnlySpan<char> line, int k)
    {
        int end = line.Length;
        for (int i = 1; i < k; i++) end = line[..end].LastIndexOf(',');
        return line[(line[..end].LastIndexOf(',') + 1)..end];
    }

    private static double Parse(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}

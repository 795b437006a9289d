using System.Runtime.CompilerServices;

namespace NnLab.Experiments.Loading;

/// <summary>
/// What one load (one experiment file, or one sweep file with all its trials) has already read of its data sources:
/// a bundled dataset's or a CSV file's parsed rows, and the cells of the columns an experiment uses, so trials that
/// read the same source share one copy of its text instead of each parsing its own. A sweep of 50 seeds over the
/// digits re-splits them 50 times, but parses them once and holds their 115,000 cells once. Only reads that
/// reported no problem are kept (a bad source is reported again by every trial that reads it).
/// </summary>
internal sealed class SourceCache
{
    private readonly Dictionary<string, object> _sources = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<IReadOnlyList<string[]>, Dictionary<string, string[][]>> _cells = new();

    /// <summary>What was read under <paramref name="key"/>, or else <paramref name="read"/>'s value, kept when it says so.</summary>
    public T? GetOrRead<T>(string key, Func<(T? Value, bool Keep)> read) where T : class
    {
        if (_sources.TryGetValue(key, out var cached) && cached is T hit) return hit;
        var (value, keep) = read();
        if (value is not null && keep) _sources[key] = value;
        return value;
    }

    /// <summary>
    /// Each row of <paramref name="rows"/> cut to the columns <paramref name="used"/>, in that order: the rows themselves
    /// when they are all the columns in order, else one copy per distinct choice of columns.
    /// </summary>
    public string[][] Cells(IReadOnlyList<string[]> rows, int[] used)
    {
        bool identity = rows.Count > 0 && used.Length == rows[0].Length && InOrder(used);
        if (identity && rows is string[][] array) return array;
        var byColumns = _cells.GetOrCreateValue(rows);
        string key = string.Join(',', used);
        if (byColumns.TryGetValue(key, out var cells)) return cells;
        cells = identity ? rows.ToArray() : rows.Select(row => Cut(row, used)).ToArray();
        byColumns[key] = cells;
        return cells;
    }

    // Loops rather than queries over int, which are not in the precompiled code (they were compiled on every load).
    private static bool InOrder(int[] used)
    {
        for (int i = 0; i < used.Length; i++)
            if (used[i] != i) return false;
        return true;
    }

    private static string[] Cut(string[] row, int[] used)
    {
        var cells = new string[used.Length];
        for (int i = 0; i < used.Length; i++) cells[i] = row[used[i]];
        return cells;
    }
}

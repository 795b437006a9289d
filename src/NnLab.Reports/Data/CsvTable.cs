using System.Globalization;
using System.Text;

namespace NnLab.Reports.Data;

/// <summary>
/// A CSV file as NnLab writes it (header row, comma-separated, RFC 4180 quoting): column names and rows of cells.
/// A torn last line (a killed run's cost.csv) is dropped when it has fewer cells than the header.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(IReadOnlyList<string> columns, List<string[]> rows)
    {
        Columns = columns;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++) _index.TryAdd(columns[i], i);
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string[]> Rows { get; }

    public bool Has(string column) => _index.ContainsKey(column);

    public int IndexOf(string column) => _index.TryGetValue(column, out int i) ? i : -1;

    /// <summary>The file's table, or null when it is missing or has no header.</summary>
    public static CsvTable? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            return Parse(reader);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static CsvTable? Parse(TextReader reader)
    {
        var header = ReadRecord(reader);
        if (header is null || header.Length == 0) return null;
        var rows = new List<string[]>();
        while (ReadRecord(reader) is { } record)
            if (record.Length >= header.Length) rows.Add(record);
        return new CsvTable(header, rows);
    }

    /// <summary>
    /// The file's header (null when it is missing or has none), then its rows one at a time, each dropped once read:
    /// what a 100,000-trial summary.csv needs, where holding every row as a table took about 80 MB.
    /// </summary>
    public static (CsvTable Header, IEnumerable<string[]> Rows)? Stream(string path)
    {
        if (!File.Exists(path)) return null;
        var reader = new StreamReader(path, Encoding.UTF8);
        var header = ReadRecord(reader);
        if (header is null || header.Length == 0)
        {
            reader.Dispose();
            return null;
        }
        return (new CsvTable(header, []), RowsOf(reader, header.Length));
    }

    private static IEnumerable<string[]> RowsOf(StreamReader reader, int columns)
    {
        using (reader)
            while (ReadRecord(reader) is { } record)
                if (record.Length >= columns) yield return record;
    }

    /// <summary>A cell as a number: NaN when empty or not a number.</summary>
    public static double Number(string[] row, int column) =>
        column >= 0 && column < row.Length && double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : double.NaN;

    public static string Text(string[] row, int column) => column >= 0 && column < row.Length ? row[column] : "";

    private static string[]? ReadRecord(TextReader reader)
    {
        int c = reader.Read();
        if (c < 0) return null;
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0) break;
                if (c == '"')
                {
                    if (reader.Peek() == '"') { cell.Append('"'); reader.Read(); }
                    else quoted = false;
                }
                else cell.Append((char)c);
            }
            else if (c < 0 || c == '\n') break;
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c != '\r') cell.Append((char)c);
            c = reader.Read();
        }
        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}

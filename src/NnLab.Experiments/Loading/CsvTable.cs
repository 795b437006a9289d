namespace NnLab.Experiments.Loading;

/// <summary>One field of a CSV line and the 1-based column it starts at.</summary>
internal sealed record CsvCell(string Text, int Column);

/// <summary>A non-blank CSV line: its 1-based line number and fields.</summary>
internal sealed record CsvRow(int Line, IReadOnlyList<CsvCell> Cells);

/// <summary>
/// A small comma-separated reader: a header line, then data lines; blank lines are skipped; fields may be
/// double-quoted (with "" for a quote) but may not span lines. Every cell keeps its line and column for errors.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(CsvRow? header, IReadOnlyList<CsvRow> rows, int malformedLines)
    {
        Header = header;
        Rows = rows;
        MalformedLines = malformedLines;
    }

    /// <summary>The first non-blank line, or null for an empty file or one whose header is malformed.</summary>
    public CsvRow? Header { get; }

    /// <summary>The well-formed data lines.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Lines that could not be split into fields (already reported).</summary>
    public int MalformedLines { get; }

    /// <summary>Parses <paramref name="text"/>; <paramref name="error"/> receives (line, column, message) for malformed lines, which are left out.</summary>
    public static CsvTable Parse(string text, Action<int, int, string> error, CancellationToken cancellation = default)
    {
        var rows = new List<CsvRow>();
        int malformed = 0;
        bool isHeader = true;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if ((i & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            string line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = ParseLine(line, i + 1, error);
            // Without its header a file has no columns; a later line must not take the header's place.
            if (cells is null && isHeader) return new CsvTable(null, [], 1);
            if (cells is null) malformed++;
            else rows.Add(new CsvRow(i + 1, cells));
            isHeader = false;
        }
        return rows.Count == 0 ? new CsvTable(null, [], 0) : new CsvTable(rows[0], rows.Skip(1).ToList(), malformed);
    }

    private static List<CsvCell>? ParseLine(string line, int lineNumber, Action<int, int, string> error)
    {
        var cells = new List<CsvCell>();
        int position = 0;
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or '\t') position++;
            int start = position;
            string? value = position < line.Length && line[position] == '"'
                ? ReadQuoted(line, ref position)
                : ReadPlain(line, ref position);
            if (value is null)
            {
                error(lineNumber, start + 1, "unterminated or malformed quoted field");
                return null;
            }
            cells.Add(new CsvCell(value, start + 1));
            if (position >= line.Length) return cells;
            position++; // the comma
        }
    }

    private static string ReadPlain(string line, ref int position)
    {
        int comma = line.IndexOf(',', position);
        int end = comma < 0 ? line.Length : comma;
        string value = line[position..end].TrimEnd();
        position = end;
        return value;
    }

    // Returns null when the quote is not closed or text follows the closing quote.
    private static string? ReadQuoted(string line, ref int position)
    {
        var value = new System.Text.StringBuilder();
        for (int i = position + 1; i < line.Length; i++)
        {
            if (line[i] != '"') { value.Append(line[i]); continue; }
            if (i + 1 < line.Length && line[i + 1] == '"') { value.Append('"'); i++; continue; }
            int next = i + 1;
            while (next < line.Length && line[next] is ' ' or '\t') next++;
            if (next < line.Length && line[next] != ',') return null;
            position = next;
            return value.ToString();
        }
        return null;
    }
}

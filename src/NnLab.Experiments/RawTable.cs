using System.Globalization;
using NnLab.Experiments.Loading;

namespace NnLab.Experiments;

/// <summary>
/// Rows of named raw columns as text — what a trained model reads new data from: a CSV file (read by the same reader
/// and number rules as an experiment's <c>data.file</c>) or rows built in code. Every cell can say where it was written.
/// </summary>
public sealed class RawTable
{
    private readonly Func<int, int, string> _where;

    private RawTable(string source, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, Func<int, int, string> where)
    {
        Source = source;
        Columns = columns;
        Rows = rows;
        _where = where;
    }

    /// <summary>How errors name the table: the CSV file's path, or "the rows".</summary>
    public string Source { get; }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Where cell (row, column) was written: <c>file:line:column</c> for a CSV file, else "row R, column 'name'".</summary>
    public string Where(int row, int column) => _where(row, column);

    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == column) return i;
        return -1;
    }

    /// <summary>
    /// Reads a CSV file: a header naming the columns, then one row per example; blank lines are skipped, fields may be
    /// double-quoted. The file's shape is checked here (every problem reported); cells are read when used.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, is empty, has no rows, a malformed line, a repeated header name or a row of the wrong width.</exception>
    public static RawTable ReadCsv(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw new InvalidDataException($"{path}: cannot read the data file: {reason}", e);
        }
        var problems = new List<string>();
        var table = CsvTable.Parse(text, (line, column, message) => problems.Add($"{path}:{line}:{column}: {message}"));
        if (table.Header is null)
            throw new InvalidDataException(problems.Count > 0 ? string.Join(Environment.NewLine, problems)
                : $"{path}:1:1: the file is empty; its first line must be a header naming the columns");
        var seen = new HashSet<string>();
        foreach (var cell in table.Header.Cells.Where(c => !seen.Add(c.Text)))
            problems.Add($"{path}:{table.Header.Line}:{cell.Column}: the header names column '{cell.Text}' twice");
        int width = table.Header.Cells.Count;
        foreach (var row in table.Rows.Where(r => r.Cells.Count != width))
            problems.Add($"{path}:{row.Line}:1: this row has {row.Cells.Count} values but the header has {width} columns");
        if (table.Rows.Count == 0 && problems.Count == 0) problems.Add($"{path}:{table.Header.Line}:1: the file has a header but no data rows");
        if (problems.Count > 0) throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        var rows = table.Rows;
        return new RawTable(path, table.Header.Cells.Select(c => c.Text).ToList(), rows.Select(r => r.Cells.Select(c => c.Text).ToArray()).ToList(),
            (r, c) => $"{path}:{rows[r].Line}:{rows[r].Cells[c].Column}");
    }

    /// <summary>Rows of numbers in code, under <paramref name="columns"/>.</summary>
    public static RawTable FromNumbers(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows)
    {
        var cells = new List<string[]>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns.Count)
                throw new ArgumentException($"row {r} has {rows[r].Length} values but there are {columns.Count} columns ({string.Join(", ", columns)})", nameof(rows));
            cells.Add(rows[r].Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray());
        }
        return FromText(columns, cells);
    }

    /// <summary>Rows of text cells in code (numbers, or class labels for a target column), under <paramref name="columns"/>.</summary>
    public static RawTable FromText(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows) =>
        new("the rows", columns, rows, (r, c) => $"row {r + 1}, column '{columns[c]}'");

    /// <summary>Reads a cell as an experiment file's data does: a finite number, or a message saying what it is instead.</summary>
    public bool TryNumber(int row, int column, out double value, out string? problem)
    {
        string text = Rows[row][column];
        problem = ScalarText.ParseNumber(text, out value) switch
        {
            NumberKind.Finite => null,
            NumberKind.NonFinite => $"must be a finite number, got '{text}'",
            _ when text.Length == 0 => "expected a number, got an empty cell",
            _ => $"expected a number, got '{text}'",
        };
        return problem is null;
    }
}

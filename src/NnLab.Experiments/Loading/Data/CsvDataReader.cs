using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Reads a CSV file named by <c>file</c> (relative to the experiment file's folder) into a <see cref="SourceTable"/>:
/// a header naming the columns, then one row per example. The file's shape is checked here; its cells are checked
/// as numbers or labels once the columns the experiment uses are known, with errors pointing into the CSV itself.
/// </summary>
internal sealed class CsvDataReader
{
    public const string File = "file";
    public const string InputColumns = "input_columns";
    public const string TargetColumns = "target_columns";

    private readonly ErrorCollector _errors;
    private readonly string _baseDirectory;

    public CsvDataReader(ErrorCollector errors, string baseDirectory)
    {
        _errors = errors;
        _baseDirectory = baseDirectory;
    }

    /// <summary>The file's table and its resolved YAML line, or null after reporting.</summary>
    public (SourceTable Table, IReadOnlyList<string> Resolved)? Read(YamlMappingNode data, string path)
    {
        var fileNode = MappingKeys.Find(data, File)!;
        string keyPath = YamlPath.Key(path, File);
        if (ReadFileName(fileNode, keyPath) is not { } fileName) return null;
        string shownPath = Path.Combine(_baseDirectory, fileName);
        // A file is read and parsed once per load (the trials of a sweep share its rows), unless it changed meanwhile.
        var parsed = _errors.Sources.GetOrRead($"{File}:{FileStamp(shownPath)}", () =>
        {
            int errorsBefore = _errors.Count;
            if (ReadTable(fileNode, shownPath, keyPath) is not { } table) return (null, false);
            var columns = table.Header!.Cells.Select(c => c.Text).ToList();
            // Rows of the wrong width were reported by CheckShape; their cells cannot be matched to columns.
            var rows = table.Rows.Where(r => r.Cells.Count == columns.Count).ToList();
            var read = new ParsedFile(columns, rows.Select(r => r.Cells.Select(c => c.Text).ToArray()).ToArray(),
                rows.Select(r => r.Line).ToArray(), rows.Select(r => r.Cells.Select(c => c.Column).ToArray()).ToArray());
            // A file with problems is not kept: every trial that reads it reports them.
            return (read, _errors.Count == errorsBefore);
        });
        if (parsed is null) return null;
        var source = new SourceTable(shownPath, data, parsed.ColumnNames, parsed.Rows,
            [], [], (row, column) => CsvLocation(shownPath, parsed.Lines[row], parsed.Columns[row][column])) { KeyPath = keyPath };
        // The saved configuration must rerun from any folder: it names the file by its full path.
        return (source, [$"{File}: {YamlScalarFormatter.String(Path.GetFullPath(shownPath))}"]);
    }

    /// <summary>A parsed file: its header, its rows' cells, and where each row and cell was written.</summary>
    private sealed record ParsedFile(IReadOnlyList<string> ColumnNames, string[][] Rows, int[] Lines, int[][] Columns);

    /// <summary>The file's full path, size and last change: a file edited during the load is read again.</summary>
    private static string FileStamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}" : $"{path}|missing";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{path}|{Guid.NewGuid():N}";
        }
    }

    private string? ReadFileName(YamlNode node, string keyPath)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } name } && !ScalarText.IsNull(node)) return name;
        _errors.At(node, keyPath, $"expected the path of a CSV file, got {ScalarText.Describe(node)}");
        return null;
    }

    private CsvTable? ReadTable(YamlNode fileNode, string shownPath, string keyPath)
    {
        string? text;
        BoundedFile.Failure? failure;
        try
        {
            var limits = _errors.Limits;
            text = BoundedFile.TryRead(shownPath, limits.MaxCsvBytes, limits.MaxCsvLineLength, regularOnly: true, _errors.Cancellation, out failure);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _errors.At(fileNode, keyPath, $"cannot read {shownPath}: {e.Message}");
            return null;
        }
        if (failure is not null)
        {
            if (failure.Message == "file not found")
                _errors.At(fileNode, keyPath, $"file not found: {shownPath} (paths are relative to the experiment file's folder)");
            else if (failure.Line > 1 || failure.Column > 1)
                _errors.At(CsvLocation(shownPath, failure.Line, failure.Column), keyPath,
                    $"{failure.Message} ({InputLimits.HowToRaise(nameof(InputLimits.MaxCsvLineLength))})");
            else
                _errors.At(fileNode, keyPath, $"cannot read {shownPath}: {failure.Message}"
                    + (failure.Message.Contains("at most") ? $" ({InputLimits.HowToRaise(nameof(InputLimits.MaxCsvBytes))})" : ""));
            return null;
        }
        return CheckTable(fileNode, shownPath, text!, keyPath);
    }

    // Malformed lines are reported by the parser and left out; the other lines are still checked.
    private CsvTable? CheckTable(YamlNode fileNode, string shownPath, string text, string keyPath)
    {
        var table = CsvTable.Parse(text, (line, column, message) => _errors.At(CsvLocation(shownPath, line, column), keyPath, message), _errors.Cancellation);
        if (table.Header is null)
        {
            if (table.MalformedLines == 0)
                _errors.At(fileNode, keyPath, $"{shownPath} is empty; its first line must be a header naming the columns");
            return null;
        }
        if (table.Rows.Count == 0)
        {
            if (table.MalformedLines == 0) _errors.At(fileNode, keyPath, $"{shownPath} has a header but no data rows");
            return null;
        }
        CheckShape(table, shownPath, keyPath);
        return table;
    }

    private void CheckShape(CsvTable table, string shownPath, string keyPath)
    {
        var seen = new HashSet<string>();
        foreach (var cell in table.Header!.Cells.Where(c => !seen.Add(c.Text)))
            _errors.At(CsvLocation(shownPath, table.Header.Line, cell.Column), keyPath, $"the header names column '{cell.Text}' twice");
        int width = table.Header.Cells.Count;
        foreach (var row in table.Rows.Where(r => r.Cells.Count != width))
            _errors.At(CsvLocation(shownPath, row.Line, 1), keyPath,
                $"this row has {row.Cells.Count} values but the header has {width} columns");
    }

    private static SourceLocation CsvLocation(string shownPath, int line, int column) =>
        new(shownPath, line, column, SourceLocation.DataFileRank);
}

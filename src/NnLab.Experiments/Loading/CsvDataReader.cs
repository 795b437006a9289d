using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Reads data from a CSV file named by <c>data.file</c> (relative to the experiment file's folder), taking the
/// <c>input_columns</c> and <c>target_columns</c> by header name. Cell errors point into the CSV itself.
/// </summary>
internal sealed class CsvDataReader
{
    public const string File = "file";
    public const string InputColumns = "input_columns";
    public const string TargetColumns = "target_columns";

    // Beyond this, more cell errors from one file would only bury the first ones.
    private const int MaxCellErrors = 20;

    private readonly ErrorCollector _errors;
    private readonly string _baseDirectory;
    private readonly NameListReader _names;

    public CsvDataReader(ErrorCollector errors, string baseDirectory)
    {
        _errors = errors;
        _baseDirectory = baseDirectory;
        _names = new NameListReader(errors);
    }

    public LoadedData? Read(YamlMappingNode data)
    {
        int errorsBefore = _errors.Count;
        var fileNode = MappingKeys.Find(data, File)!;
        var inputColumns = ReadColumnList(data, InputColumns);
        var targetColumns = ReadColumnList(data, TargetColumns);
        if (ReadFileName(fileNode) is not { } fileName) return null;
        string shownPath = Path.Combine(_baseDirectory, fileName);
        if (ReadTable(fileNode, shownPath) is not { } table || inputColumns is null || targetColumns is null) return null;

        var inputIndexes = FindColumns(table.Header!, inputColumns, shownPath);
        var targetIndexes = FindColumns(table.Header!, targetColumns, shownPath);
        if (inputIndexes is null || targetIndexes is null) return null;
        var (inputs, targets) = ReadCells(table, inputIndexes, targetIndexes, inputColumns, targetColumns, shownPath);
        if (_errors.Count != errorsBefore) return null;

        var experimentData = new ExperimentData(DataMatrices.FromExampleRows(inputs), DataMatrices.FromExampleRows(targets),
            inputColumns.Select(c => c.Name).ToList(), targetColumns.Select(c => c.Name).ToList());
        return new LoadedData(experimentData, fileName);
    }

    private IReadOnlyList<NamedNode>? ReadColumnList(YamlMappingNode data, string key)
    {
        string path = Key(key);
        if (MappingKeys.Find(data, key) is { } node) return _names.Read(node, path);
        _errors.At(data, path, $"missing required key '{key}' (names of columns in the CSV header)");
        return null;
    }

    private string? ReadFileName(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } name } && !ScalarText.IsNull(node)) return name;
        _errors.At(node, Key(File), $"expected the path of a CSV file, got {ScalarText.Describe(node)}");
        return null;
    }

    private CsvTable? ReadTable(YamlNode fileNode, string shownPath)
    {
        if (!System.IO.File.Exists(shownPath))
        {
            _errors.At(fileNode, Key(File), $"file not found: {shownPath} (paths are relative to the experiment file's folder)");
            return null;
        }
        string text;
        try
        {
            text = System.IO.File.ReadAllText(shownPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _errors.At(fileNode, Key(File), $"cannot read {shownPath}: {e.Message}");
            return null;
        }
        return CheckTable(fileNode, shownPath, text);
    }

    // Malformed lines are reported by the parser and left out; the other lines are still checked.
    private CsvTable? CheckTable(YamlNode fileNode, string shownPath, string text)
    {
        var table = CsvTable.Parse(text, (line, column, message) => _errors.At(CsvLocation(shownPath, line, column), Key(File), message));
        if (table.Header is null)
        {
            if (table.MalformedLines == 0)
                _errors.At(fileNode, Key(File), $"{shownPath} is empty; its first line must be a header naming the columns");
            return null;
        }
        if (table.Rows.Count == 0)
        {
            if (table.MalformedLines == 0) _errors.At(fileNode, Key(File), $"{shownPath} has a header but no data rows");
            return null;
        }
        CheckShape(table, shownPath);
        return table;
    }

    private void CheckShape(CsvTable table, string shownPath)
    {
        var seen = new HashSet<string>();
        foreach (var cell in table.Header!.Cells.Where(c => !seen.Add(c.Text)))
            _errors.At(CsvLocation(shownPath, table.Header.Line, cell.Column), Key(File), $"the header names column '{cell.Text}' twice");
        int width = table.Header.Cells.Count;
        foreach (var row in table.Rows.Where(r => r.Cells.Count != width))
            _errors.At(CsvLocation(shownPath, row.Line, 1), Key(File),
                $"this row has {row.Cells.Count} values but the header has {width} columns");
    }

    private int[]? FindColumns(CsvRow header, IReadOnlyList<NamedNode> columns, string shownPath)
    {
        var headerNames = header.Cells.Select(c => c.Text).ToList();
        var indexes = new int[columns.Count];
        bool ok = true;
        for (int i = 0; i < columns.Count; i++)
        {
            indexes[i] = headerNames.IndexOf(columns[i].Name);
            if (indexes[i] >= 0) continue;
            ok = false;
            _errors.At(columns[i].Node, columns[i].Path,
                $"column '{columns[i].Name}' is not in {shownPath}{Suggest.Hint(columns[i].Name, headerNames)} Its columns are: {string.Join(", ", headerNames)}.");
        }
        return ok ? indexes : null;
    }

    private (double[][] Inputs, double[][] Targets) ReadCells(CsvTable table, int[] inputIndexes, int[] targetIndexes,
        IReadOnlyList<NamedNode> inputColumns, IReadOnlyList<NamedNode> targetColumns,
        string shownPath)
    {
        int cellErrors = 0;
        double[] ReadRow(CsvRow row, int[] indexes, IReadOnlyList<NamedNode> names)
        {
            var values = new double[indexes.Length];
            for (int i = 0; i < indexes.Length; i++)
            {
                var cell = row.Cells[indexes[i]];
                if (ParseCell(cell.Text, out values[i]) is not { } problem) continue;
                if (++cellErrors <= MaxCellErrors)
                    _errors.At(CsvLocation(shownPath, row.Line, cell.Column), Key(File), $"column '{names[i].Name}': {problem}");
            }
            return values;
        }

        // Rows of the wrong width were reported by CheckShape; their cells cannot be matched to columns.
        var rows = table.Rows.Where(r => r.Cells.Count == table.Header!.Cells.Count).ToList();
        var inputs = rows.Select(r => ReadRow(r, inputIndexes, inputColumns)).ToArray();
        var targets = rows.Select(r => ReadRow(r, targetIndexes, targetColumns)).ToArray();
        if (cellErrors > MaxCellErrors)
            _errors.At(CsvLocation(shownPath, table.Rows[^1].Line, 1), Key(File),
                $"{cellErrors - MaxCellErrors} more bad cells in {shownPath} not shown");
        return (inputs, targets);
    }

    private static string? ParseCell(string text, out double value) => ScalarText.ParseNumber(text, out value) switch
    {
        NumberKind.Finite => null,
        NumberKind.NonFinite => $"must be a finite number, got '{text}'",
        _ when text.Length == 0 => "expected a number, got an empty cell",
        _ => $"expected a number, got '{text}'",
    };

    private static SourceLocation CsvLocation(string shownPath, int line, int column) =>
        new(shownPath, line, column, SourceLocation.DataFileRank);

    private static string Key(string key) => YamlPath.Key(DataSectionReader.Path, key);
}

using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// One data source as read or generated — inline rows, a CSV file, a bundled dataset or a generator — as named
/// columns of text cells, before features, splits and normalisation. Cells keep where they came from, so a bad value
/// is reported in the CSV file itself.
/// </summary>
internal sealed class SourceTable
{
    private readonly Func<int, int, SourceLocation?> _cellLocation;

    public SourceTable(string description, YamlNode node, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows,
        IReadOnlyList<string> defaultInputs, IReadOnlyList<string> defaultTargets, Func<int, int, SourceLocation?>? cellLocation = null)
    {
        Description = description;
        Node = node;
        Columns = columns;
        Rows = rows;
        DefaultInputs = defaultInputs;
        DefaultTargets = defaultTargets;
        _cellLocation = cellLocation ?? ((_, _) => null);
    }

    /// <summary>How messages name the source: a file's path, "the moons generator", "the inline rows".</summary>
    public string Description { get; }

    /// <summary>The YAML mapping that declared the source: where problems without a cell of their own point.</summary>
    public YamlNode Node { get; }

    /// <summary>The key path cell errors are reported under (<c>data.file</c> for a CSV file).</summary>
    public string KeyPath { get; init; } = "data";

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The inputs and targets when the experiment names none: a generator's x1..xn and y, a dataset's features and label.</summary>
    public IReadOnlyList<string> DefaultInputs { get; }
    public IReadOnlyList<string> DefaultTargets { get; }

    /// <summary>Where cell (row, column) was written, or null when it was not read from a file.</summary>
    public SourceLocation? CellLocation(int row, int column) => _cellLocation(row, column);

    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == column) return i;
        return -1;
    }

    /// <summary>A number as a cell holds it: the shortest text that reads back as the same double.</summary>
    public static string Cell(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A source built from rows of numbers (inline rows, a generator): every cell is a number.</summary>
    public static SourceTable FromNumbers(string description, YamlNode node, IReadOnlyList<string> inputNames,
        IReadOnlyList<string> targetNames, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets)
    {
        // Loops, not queries: a query over double is not in the precompiled code (compiled on every load).
        var rows = new string[inputs.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            var (input, target) = (inputs[i], targets[i]);
            var row = rows[i] = new string[input.Length + target.Length];
            for (int c = 0; c < input.Length; c++) row[c] = Cell(input[c]);
            for (int c = 0; c < target.Length; c++) row[input.Length + c] = Cell(target[c]);
        }
        return new SourceTable(description, node, [.. inputNames, .. targetNames], rows, inputNames, targetNames);
    }
}

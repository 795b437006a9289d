using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>What a flat list of numbers means where a list of rows is expected.</summary>
internal enum FlatList
{
    /// <summary><c>[0.1, 0.6]</c> is one row: explicit weights of a single neuron.</summary>
    OneRow,

    /// <summary><c>[0, 1, 1, 0]</c> is one value per row: one target per example.</summary>
    OneColumn,
}

/// <summary>Reads a rectangular list of rows of finite numbers, e.g. <c>[[0, 0], [0, 1]]</c>.</summary>
internal sealed class MatrixReader
{
    private readonly ErrorCollector _errors;
    private readonly NumberReader _numbers;

    public MatrixReader(ErrorCollector errors)
    {
        _errors = errors;
        _numbers = new NumberReader(errors);
    }

    /// <summary>The rows, or null after reporting every bad row and cell.</summary>
    public double[][]? Read(YamlNode node, string path, FlatList flat)
    {
        if (node is not YamlSequenceNode sequence)
        {
            _errors.At(node, path, $"expected a list of rows such as [[1, 2], [3, 4]], got {ScalarText.Describe(node)}");
            return null;
        }
        if (sequence.Children.Count == 0)
        {
            _errors.At(node, path, "must not be empty");
            return null;
        }
        return sequence.Children[0] is YamlSequenceNode ? ReadRows(sequence, path) : ReadFlat(sequence, path, flat);
    }

    private double[][]? ReadRows(YamlSequenceNode sequence, string path)
    {
        int errorsBefore = _errors.Count;
        var rows = new double[sequence.Children.Count][];
        int width = ((YamlSequenceNode)sequence.Children[0]).Children.Count;
        for (int i = 0; i < rows.Length; i++)
        {
            var rowNode = sequence.Children[i];
            string rowPath = YamlPath.Index(path, i);
            if (rowNode is not YamlSequenceNode row)
            {
                _errors.At(rowNode, rowPath, $"expected a row (a list of numbers), got {ScalarText.Describe(rowNode)}");
                continue;
            }
            if (row.Children.Count == 0)
                _errors.At(row, rowPath, "a row must have at least one value");
            else if (row.Children.Count != width)
                _errors.At(row, rowPath, $"has {Values(row.Children.Count)} but row 0 has {width}; every row needs the same number");
            rows[i] = ReadCells(row, rowPath);
        }
        return _errors.Count == errorsBefore ? rows : null;
    }

    private double[][]? ReadFlat(YamlSequenceNode sequence, string path, FlatList flat)
    {
        int errorsBefore = _errors.Count;
        double[] cells = ReadCells(sequence, path);
        if (_errors.Count != errorsBefore) return null;
        return flat == FlatList.OneRow ? [cells] : cells.Select(c => new[] { c }).ToArray();
    }

    private double[] ReadCells(YamlSequenceNode row, string rowPath)
    {
        var cells = new double[row.Children.Count];
        for (int j = 0; j < cells.Length; j++)
        {
            var cell = row.Children[j];
            string cellPath = YamlPath.Index(rowPath, j);
            if (cell is YamlSequenceNode)
                _errors.At(cell, cellPath, "expected a number, got a list; write either a flat list or a list of rows, not both");
            else
                cells[j] = _numbers.ReadDouble(cell, cellPath) ?? 0;
        }
        return cells;
    }

    private static string Values(int count) => count == 1 ? "1 value" : $"{count} values";
}

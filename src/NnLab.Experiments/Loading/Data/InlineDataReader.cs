using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Reads data written in the YAML: <c>inputs</c> and <c>targets</c> with one example per row.</summary>
internal sealed class InlineDataReader
{
    public const string Inputs = "inputs";
    public const string Targets = "targets";
    public const string InputNames = "input_names";
    public const string TargetNames = "target_names";

    private readonly ErrorCollector _errors;
    private readonly MatrixReader _matrices;
    private readonly NameListReader _names;

    public InlineDataReader(ErrorCollector errors)
    {
        _errors = errors;
        _matrices = new MatrixReader(errors);
        _names = new NameListReader(errors);
    }

    /// <summary>
    /// The rows as a table whose columns are the input names then the target names, and the resolved YAML lines, or
    /// null after reporting. Held-out rows (<c>data.validation</c>) take the main data's names: <paramref name="inputNames"/>.
    /// </summary>
    public (SourceTable Table, IReadOnlyList<string> Resolved)? Read(YamlMappingNode data, string path,
        IReadOnlyList<string>? inputNames = null, IReadOnlyList<string>? targetNames = null)
    {
        int errorsBefore = _errors.Count;
        var inputs = ReadRows(data, path, Inputs);
        var labels = ReadLabels(data);
        var targets = labels is not null ? labels.Select(_ => new[] { 0.0 }).ToArray() : ReadRows(data, path, Targets);
        if (inputs is not null && targets is not null && inputs.Length != targets.Length)
            _errors.At(MappingKeys.Find(data, Targets)!, YamlPath.Key(path, Targets),
                $"has {Examples(targets.Length)} but {YamlPath.Key(path, Inputs)} has {inputs.Length}; every example needs a target row");
        inputNames = ReadNames(data, path, InputNames, inputs?[0].Length, "inputs have", "feature") ?? inputNames;
        targetNames = ReadNames(data, path, TargetNames, targets?[0].Length, "targets have", "target") ?? targetNames;
        CheckWidth(data, path, Inputs, inputs, inputNames);
        CheckWidth(data, path, Targets, targets, targetNames);
        if (_errors.Count != errorsBefore) return null;
        inputNames ??= DataMatrices.DefaultInputNames(inputs![0].Length);
        targetNames ??= DataMatrices.DefaultTargetNames(targets![0].Length);
        var table = SourceTable.FromNumbers("the inline rows", data, inputNames, targetNames, inputs!, targets!);
        if (labels is not null)
            for (int i = 0; i < labels.Length; i++) table.Rows[i][^1] = labels[i];
        return (table, [.. Rows(Inputs, inputs!), .. (labels is null ? Rows(Targets, targets!) : [$"{Targets}: {Names(labels)}"]),
            $"{InputNames}: {Names(inputNames)}", $"{TargetNames}: {Names(targetNames)}"]);
    }

    /// <summary>
    /// Class labels written inline (<c>targets: [setosa, versicolor, …]</c>): a flat list of scalars of which at least
    /// one is not a number. Null for numeric targets, which the matrix reader takes.
    /// </summary>
    private static string[]? ReadLabels(YamlMappingNode data)
    {
        if (MappingKeys.Find(data, Targets) is not YamlSequenceNode { Children.Count: > 0 } list) return null;
        if (list.Children.Any(c => c is not YamlScalarNode || ScalarText.IsNull(c))) return null;
        var texts = list.Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();
        return texts.Any(t => ScalarText.ParseNumber(t, out _) == NumberKind.NotANumber) ? texts : null;
    }

    // A flat list is one value per example: targets [0, 1, 1, 0] are four examples of one target.
    private double[][]? ReadRows(YamlMappingNode data, string path, string key)
    {
        if (MappingKeys.Find(data, key) is { } node) return _matrices.Read(node, YamlPath.Key(path, key), FlatList.OneColumn);
        _errors.At(data, YamlPath.Key(path, key), $"missing required key '{key}' (one row per example)");
        return null;
    }

    private IReadOnlyList<string>? ReadNames(YamlMappingNode data, string path, string key, int? expected, string owner, string what)
    {
        if (MappingKeys.Find(data, key) is not { } node) return null;
        var names = _names.Read(node, YamlPath.Key(path, key));
        if (names is null) return null;
        if (expected is { } count && names.Count != count)
        {
            _errors.At(node, YamlPath.Key(path, key), $"has {names.Count} names but the {owner} {count} {what} column{(count == 1 ? "" : "s")}");
            return null;
        }
        return names.Select(n => n.Name).ToList();
    }

    // Held-out rows must have as many columns as the names they take from the main data.
    private void CheckWidth(YamlMappingNode data, string path, string key, double[][]? rows, IReadOnlyList<string>? names)
    {
        if (rows is null || names is null || rows[0].Length == names.Count) return;
        _errors.At(MappingKeys.Find(data, key)!, YamlPath.Key(path, key),
            $"rows have {rows[0].Length} values but the data has {names.Count} {key} column{(names.Count == 1 ? "" : "s")} ({string.Join(", ", names)})");
    }

    // Back to one example per row, as the user wrote it.
    private static IEnumerable<string> Rows(string key, double[][] rows) =>
        rows.Select(row => $"  - {YamlScalarFormatter.Format(row)}").Prepend($"{key}:");

    private static string Names(IEnumerable<string> names) => YamlScalarFormatter.List(names.Select(YamlScalarFormatter.String));

    private static string Examples(int count) => count == 1 ? "1 example" : $"{count} examples";
}

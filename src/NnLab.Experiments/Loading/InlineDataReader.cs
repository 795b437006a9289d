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

    public LoadedData? Read(YamlMappingNode data)
    {
        int errorsBefore = _errors.Count;
        var inputs = ReadRows(data, Inputs);
        var targets = ReadRows(data, Targets);
        if (inputs is not null && targets is not null && inputs.Length != targets.Length)
            _errors.At(MappingKeys.Find(data, Targets)!, Key(Targets),
                $"has {Examples(targets.Length)} but data.inputs has {inputs.Length}; every example needs a target row");
        var inputNames = ReadNames(data, InputNames, inputs?[0].Length, "inputs have", "feature");
        var targetNames = ReadNames(data, TargetNames, targets?[0].Length, "targets have", "target");
        if (_errors.Count != errorsBefore) return null;
        var experimentData = new ExperimentData(
            DataMatrices.FromExampleRows(inputs!), DataMatrices.FromExampleRows(targets!),
            inputNames ?? DataMatrices.DefaultInputNames(inputs![0].Length),
            targetNames ?? DataMatrices.DefaultTargetNames(targets![0].Length));
        return new LoadedData(experimentData, CsvFile: null);
    }

    // A flat list is one value per example: targets [0, 1, 1, 0] are four examples of one target.
    private double[][]? ReadRows(YamlMappingNode data, string key)
    {
        if (MappingKeys.Find(data, key) is { } node) return _matrices.Read(node, Key(key), FlatList.OneColumn);
        _errors.At(data, Key(key), $"missing required key '{key}' (one row per example)");
        return null;
    }

    private IReadOnlyList<string>? ReadNames(YamlMappingNode data, string key, int? expected, string owner, string what)
    {
        if (MappingKeys.Find(data, key) is not { } node) return null;
        var names = _names.Read(node, Key(key));
        if (names is null) return null;
        if (expected is { } count && names.Count != count)
        {
            _errors.At(node, Key(key), $"has {names.Count} names but the {owner} {count} {what} column{(count == 1 ? "" : "s")}");
            return null;
        }
        return names.Select(n => n.Name).ToList();
    }

    private static string Key(string key) => YamlPath.Key(DataSectionReader.Path, key);

    private static string Examples(int count) => count == 1 ? "1 example" : $"{count} examples";
}

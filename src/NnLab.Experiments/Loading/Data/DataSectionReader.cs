using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Reads the <c>data</c> section: one source (inline rows, a CSV file, a bundled dataset or a generator), the inputs
/// it feeds the network (<c>input_columns</c> or derived <c>features</c>), the targets, how rows are split
/// (<c>split</c>, or separate <c>validation</c> / <c>test</c> sources) and the normalisation fitted on the training
/// split. Without split and normalisation the data are exactly the rows as given, all of them training data.
/// </summary>
internal sealed class DataSectionReader
{
    public const string Path = "data";
    public const string Split = "split";
    public const string Normalize = "normalize";

    private static readonly string[] InlineOnly = [InlineDataReader.Targets, InlineDataReader.InputNames, InlineDataReader.TargetNames];
    private static readonly string[] ColumnKeys = [CsvDataReader.InputColumns, CsvDataReader.TargetColumns];
    private static readonly IReadOnlyList<string> AllKeys =
    [
        InlineDataReader.Inputs, .. InlineOnly, CsvDataReader.File, .. ColumnKeys, DataSources.Dataset, DataSources.Generate,
        .. GeneratorReader.OptionKeys, FeatureReader.Key, Split, DataSplit.ValidationName, DataSplit.TestName, Normalize,
    ];

    private readonly ErrorCollector _errors;
    private readonly OptionsBinder _binder;
    private readonly DataSources _sources;
    private readonly ExperimentSeed _seed;

    public DataSectionReader(ErrorCollector errors, OptionsBinder binder, string baseDirectory, uint experimentSeed)
    {
        _errors = errors;
        _binder = binder;
        _seed = new ExperimentSeed(experimentSeed);
        _sources = new DataSources(errors, binder, baseDirectory, _seed);
    }

    /// <summary>Whether what <see cref="Read"/> read drew from the experiment's seed (a generator or split without a seed of its own).</summary>
    public bool UsedSeed => _seed.Used;

    public LoadedData? Read(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            _errors.At(node, Path, $"expected a mapping with 'inputs' and 'targets' (or 'file', 'dataset', 'generate'), got {ScalarText.Describe(node)}");
            return null;
        }
        int errorsBefore = _errors.Count;
        MappingKeys.CheckKnown(mapping, Path, AllKeys, _errors, Path);
        if (_sources.KindOf(mapping, Path) is not { } kind) return null;
        RejectMixedKeys(mapping, kind);
        var main = _sources.Read(mapping, Path, kind);
        var inputs = ReadInputs(mapping, kind, main?.Table);
        var targets = ReadTargets(mapping, kind, main?.Table);
        var split = ReadSplit(mapping);
        var normalize = ReadNormalize(mapping);
        var validation = ReadHeldOut(mapping, DataSplit.ValidationName, main?.Table, split);
        var test = ReadHeldOut(mapping, DataSplit.TestName, main?.Table, split);
        // The cells are checked even after other problems, so one load reports all of them.
        if (main is null || inputs is null || targets is null) return null;
        var shaped = new DataShaper(_errors, mapping).Shape(main.Value.Table, inputs!, targets!, split, normalize,
            validation?.Table, test?.Table);
        if (shaped is null || _errors.Count != errorsBefore) return null;
        return new LoadedData(shaped, Resolved(mapping, main.Value.Resolved, kind, inputs!, targets!, split, normalize, validation, test));
    }

    // Keys that belong to another kind of source are mistakes, not options to ignore.
    private void RejectMixedKeys(YamlMappingNode mapping, string kind)
    {
        var wrong = kind == InlineDataReader.Inputs ? ColumnKeys : InlineOnly;
        foreach (string key in wrong)
        {
            if (MappingKeys.FindEntry(mapping, key) is not { } entry) continue;
            string message = kind == InlineDataReader.Inputs
                ? $"'{key}' only applies to data with named columns ('file', 'dataset' or 'generate'); inline rows name theirs with input_names and target_names"
                : $"'{key}' cannot be combined with '{kind}': give the data either inline or from one other source";
            _errors.At(entry.Key, YamlPath.Key(Path, key), message);
        }
        if (kind != DataSources.Generate)
            foreach (var key in mapping.Children.Keys)
                if (key is YamlScalarNode { Value: { } k } && GeneratorReader.OptionKeys.Contains(k))
                    _errors.At(key, YamlPath.Key(Path, k), $"'{k}' is a generator option; it only applies with 'generate'");
    }

    /// <summary>The network's inputs: <c>features</c>, else <c>input_columns</c>, else the source's own (required for a CSV file).</summary>
    private IReadOnlyList<Feature>? ReadInputs(YamlMappingNode mapping, string kind, SourceTable? table)
    {
        var featuresNode = MappingKeys.Find(mapping, FeatureReader.Key);
        var columnsNode = MappingKeys.Find(mapping, CsvDataReader.InputColumns);
        if (featuresNode is not null && columnsNode is not null)
        {
            _errors.At(columnsNode, YamlPath.Key(Path, CsvDataReader.InputColumns),
                "give the inputs either as 'input_columns' or as 'features' (which may list plain columns too), not both");
            return null;
        }
        if (featuresNode is not null) return new FeatureReader(_errors).Read(featuresNode, YamlPath.Key(Path, FeatureReader.Key));
        return ReadColumns(mapping, CsvDataReader.InputColumns, kind, table?.DefaultInputs)?.Select(Feature.Of).ToList();
    }

    private IReadOnlyList<NamedNode>? ReadTargets(YamlMappingNode mapping, string kind, SourceTable? table) =>
        ReadColumns(mapping, CsvDataReader.TargetColumns, kind, table?.DefaultTargets);

    private IReadOnlyList<NamedNode>? ReadColumns(YamlMappingNode mapping, string key, string kind, IReadOnlyList<string>? defaults)
    {
        string path = YamlPath.Key(Path, key);
        if (kind != InlineDataReader.Inputs && MappingKeys.Find(mapping, key) is { } node) return new NameListReader(_errors).Read(node, path);
        if (kind == CsvDataReader.File)
        {
            _errors.At(mapping, path, $"missing required key '{key}' (names of columns in the CSV header)");
            return null;
        }
        return defaults?.Select(name => new NamedNode(name, mapping, path)).ToList();
    }

    private SplitOptions? ReadSplit(YamlMappingNode mapping)
    {
        if (MappingKeys.Find(mapping, Split) is not { } node) return null;
        string path = YamlPath.Key(Path, Split);
        if (node is not YamlMappingNode splitMapping)
        {
            _errors.At(node, path, $"expected a mapping such as {{train: 0.7, validation: 0.15, test: 0.15}} or {{column: NAME}}, got {ScalarText.Describe(node)}");
            return null;
        }
        var options = _binder.BindSection<SplitOptions>(splitMapping, splitMapping, path);
        if (options is null) return null;
        bool Has(string key) => MappingKeys.Find(splitMapping, key) is not null;
        if (!Has("seed")) options.Seed = _seed.Value;
        if (options.Column is not null)
        {
            foreach (string key in new[] { "train", "validation", "test", "method", "seed" }.Where(Has))
                _errors.At(MappingKeys.FindEntry(splitMapping, key)!.Value.Key, YamlPath.Key(path, key),
                    $"'{key}' cannot be combined with 'column': the column already says each row's split");
            return options;
        }
        if (!Has("train")) options.Train = 1 - options.Validation - options.Test;
        double sum = options.Train + options.Validation + options.Test;
        if (Math.Abs(sum - 1) > 1e-9 || options.Train <= 0)
        {
            _errors.At(splitMapping, path, options.Train <= 0 && Math.Abs(sum - 1) <= 1e-9
                ? "the train fraction must be more than 0"
                : $"the fractions must sum to 1, got {YamlScalarFormatter.Format(Math.Round(sum, 12))} (train {YamlScalarFormatter.Format(options.Train)} + validation {YamlScalarFormatter.Format(options.Validation)} + test {YamlScalarFormatter.Format(options.Test)})");
            return null;
        }
        return options;
    }

    private NormalizeMethod ReadNormalize(YamlMappingNode mapping)
    {
        if (MappingKeys.Find(mapping, Normalize) is not { } node) return NormalizeMethod.None;
        NormalizeMethod? method = (node as YamlScalarNode)?.Value switch
        {
            "none" => NormalizeMethod.None,
            "zscore" => NormalizeMethod.Zscore,
            "minmax" => NormalizeMethod.Minmax,
            _ => null,
        };
        if (method is { } known) return known;
        _errors.At(node, YamlPath.Key(Path, Normalize), $"expected zscore, minmax or none, got {ScalarText.Describe(node)}");
        return NormalizeMethod.None;
    }

    /// <summary><c>data.validation</c> / <c>data.test</c>: a source of its own, with the main data's columns.</summary>
    private (SourceTable Table, IReadOnlyList<string> Resolved)? ReadHeldOut(YamlMappingNode mapping, string split, SourceTable? main,
        SplitOptions? options)
    {
        if (MappingKeys.Find(mapping, split) is not { } node) return null;
        string path = YamlPath.Key(Path, split);
        if (node is not YamlMappingNode source)
        {
            _errors.At(node, path, $"expected a data source such as {{file: {split}.csv}}, got {ScalarText.Describe(node)}");
            return null;
        }
        if (options is not null && (options.Column is not null || (split == DataSplit.ValidationName ? options.Validation : options.Test) > 0))
        {
            _errors.At(node, path, $"the {split} rows come either from 'split' or from '{split}', not both");
            return null;
        }
        MappingKeys.CheckKnown(source, path, [.. DataSources.SourceKeys, InlineDataReader.Targets, .. GeneratorReader.OptionKeys], _errors, path);
        if (_sources.KindOf(source, path) is not { } kind) return null;
        return main is null ? null : _sources.Read(source, path, kind, main.DefaultInputs, main.DefaultTargets);
    }

    private static IReadOnlyList<string> Resolved(YamlMappingNode mapping, IReadOnlyList<string> source, string kind,
        IReadOnlyList<Feature> inputs, IReadOnlyList<NamedNode> targets, SplitOptions? split, NormalizeMethod normalize,
        (SourceTable, IReadOnlyList<string> Resolved)? validation, (SourceTable, IReadOnlyList<string> Resolved)? test)
    {
        var lines = new List<string>(source);
        if (MappingKeys.Find(mapping, FeatureReader.Key) is not null)
            lines.Add($"{FeatureReader.Key}: {YamlScalarFormatter.List(inputs.Select(f => f.Resolved()))}");
        else if (kind != InlineDataReader.Inputs)
            lines.Add($"{CsvDataReader.InputColumns}: {Names(inputs.Select(f => f.Name))}");
        if (kind != InlineDataReader.Inputs) lines.Add($"{CsvDataReader.TargetColumns}: {Names(targets.Select(t => t.Name))}");
        if (split is not null) lines.Add($"{Split}: {SplitText(split)}");
        foreach (var (name, heldOut) in new[] { (DataSplit.ValidationName, validation), (DataSplit.TestName, test) })
            if (heldOut is { } h) lines.AddRange(h.Resolved.Select(l => "  " + l).Prepend($"{name}:"));
        if (normalize != NormalizeMethod.None) lines.Add($"{Normalize}: {normalize.ToString().ToLowerInvariant()}");
        return lines;
    }

    private static string SplitText(SplitOptions s) => s.Column is { } column
        ? $"{{column: {YamlScalarFormatter.String(column)}}}"
        : $"{{train: {YamlScalarFormatter.Format(s.Train)}, validation: {YamlScalarFormatter.Format(s.Validation)}, test: {YamlScalarFormatter.Format(s.Test)}, method: {s.Method.ToString().ToLowerInvariant()}, seed: {s.Seed}}}";

    private static string Names(IEnumerable<string> names) => YamlScalarFormatter.List(names.Select(YamlScalarFormatter.String));
}

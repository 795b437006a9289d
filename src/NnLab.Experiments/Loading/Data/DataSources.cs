using NnLab.Experiments.Data;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Reads one data source from a <c>data</c> mapping (or from <c>data.validation</c> / <c>data.test</c>): inline rows
/// (<c>inputs</c>/<c>targets</c>), a CSV <c>file</c>, a bundled <c>dataset</c>, or a generator (<c>generate</c>).
/// Exactly one must be given.
/// </summary>
internal sealed class DataSources
{
    public const string Dataset = "dataset";
    public const string Generate = "generate";

    /// <summary>The key that names each kind of source, in the order they are looked for.</summary>
    public static readonly IReadOnlyList<string> SourceKeys = [CsvDataReader.File, Dataset, Generate, InlineDataReader.Inputs];

    private readonly ErrorCollector _errors;
    private readonly string _baseDirectory;
    private readonly ExperimentSeed _experimentSeed;
    private readonly OptionsBinder _binder;

    public DataSources(ErrorCollector errors, OptionsBinder binder, string baseDirectory, ExperimentSeed experimentSeed)
    {
        _errors = errors;
        _binder = binder;
        _baseDirectory = baseDirectory;
        _experimentSeed = experimentSeed;
    }

    /// <summary>Which source <paramref name="mapping"/> declares (the first, after reporting any other), or null after reporting none.</summary>
    public string? KindOf(YamlMappingNode mapping, string path)
    {
        var present = SourceKeys.Where(k => MappingKeys.Find(mapping, k) is not null).ToList();
        if (present.Count == 0)
        {
            _errors.At(mapping, path,
                "expected one data source: 'inputs' and 'targets' (inline rows), 'file' (a CSV file), 'dataset' (iris, digits) or 'generate' (a generator)");
            return null;
        }
        foreach (string other in present.Skip(1))
            _errors.At(MappingKeys.FindEntry(mapping, other)!.Value.Key, YamlPath.Key(path, other),
                $"'{other}' cannot be combined with '{present[0]}': give the data from one source (inline rows, a CSV file, a dataset or a generator)");
        return present[0];
    }

    /// <summary>The source's resolved YAML lines (for config.resolved.yaml) and its table, or null after reporting.</summary>
    public (SourceTable Table, IReadOnlyList<string> Resolved)? Read(YamlMappingNode mapping, string path, string kind,
        IReadOnlyList<string>? inlineInputNames = null, IReadOnlyList<string>? inlineTargetNames = null) => kind switch
    {
        CsvDataReader.File => new CsvDataReader(_errors, _baseDirectory).Read(mapping, path),
        Dataset => ReadDataset(mapping, path),
        Generate => new GeneratorReader(_errors, _binder, _experimentSeed).Read(mapping, path),
        _ => new InlineDataReader(_errors).Read(mapping, path, inlineInputNames, inlineTargetNames),
    };

    private (SourceTable, IReadOnlyList<string>)? ReadDataset(YamlMappingNode mapping, string path)
    {
        var node = MappingKeys.Find(mapping, Dataset)!;
        string keyPath = YamlPath.Key(path, Dataset);
        if (node is not YamlScalarNode { Value: { Length: > 0 } name } || ScalarText.IsNull(node))
        {
            _errors.At(node, keyPath, $"expected the name of a bundled dataset ({string.Join(", ", BundledDatasets.Names)}), got {ScalarText.Describe(node)}");
            return null;
        }
        if (!BundledDatasets.Names.Contains(name))
        {
            _errors.At(node, keyPath, $"unknown dataset '{name}'{Suggest.Hint(name, BundledDatasets.Names)} Bundled datasets: {string.Join(", ", BundledDatasets.Names)}.");
            return null;
        }
        string shown = $"the bundled dataset '{name}'";
        // Parsed once per load: a sweep's trials share the rows.
        var (columns, rows) = _errors.Sources.GetOrRead($"{Dataset}:{name}", () =>
        {
            int errorsBefore = _errors.Count;
            var table = CsvTable.Parse(BundledDatasets.ReadCsv(name), (line, column, message) => _errors.At(node, keyPath, $"{shown}, line {line}: {message}"), _errors.Cancellation);
            var parsed = new ParsedRows(table.Header!.Cells.Select(c => c.Text).ToList(), table.Rows.Select(r => r.Cells.Select(c => c.Text).ToArray()).ToArray());
            return (parsed, _errors.Count == errorsBefore);
        })!;
        return (new SourceTable(shown, mapping, columns, rows, columns[..^1], [columns[^1]]), [$"{Dataset}: {name}"]);
    }

    private sealed record ParsedRows(List<string> Columns, string[][] Rows);
}

using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Reads the <c>data</c> section: inline rows (<c>inputs</c>/<c>targets</c>) or a CSV <c>file</c>, never both.</summary>
internal sealed class DataSectionReader
{
    public const string Path = "data";
    private static readonly string[] InlineKeys = [InlineDataReader.Inputs, InlineDataReader.Targets, InlineDataReader.InputNames, InlineDataReader.TargetNames];
    private static readonly string[] CsvKeys = [CsvDataReader.File, CsvDataReader.InputColumns, CsvDataReader.TargetColumns];
    private static readonly IReadOnlyList<string> AllKeys = [.. InlineKeys, .. CsvKeys];

    private readonly ErrorCollector _errors;
    private readonly string _baseDirectory;

    public DataSectionReader(ErrorCollector errors, string baseDirectory)
    {
        _errors = errors;
        _baseDirectory = baseDirectory;
    }

    public LoadedData? Read(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            _errors.At(node, Path, $"expected a mapping with 'inputs' and 'targets' (or 'file'), got {ScalarText.Describe(node)}");
            return null;
        }
        MappingKeys.CheckKnown(mapping, Path, AllKeys, _errors, Path);
        bool fromFile = MappingKeys.Find(mapping, CsvDataReader.File) is not null;
        RejectMixedKeys(mapping, fromFile ? InlineKeys : CsvKeys, fromFile);
        return fromFile
            ? new CsvDataReader(_errors, _baseDirectory).Read(mapping)
            : new InlineDataReader(_errors).Read(mapping);
    }

    private void RejectMixedKeys(YamlMappingNode mapping, IEnumerable<string> wrongKeys, bool fromFile)
    {
        foreach (string key in wrongKeys)
        {
            if (MappingKeys.FindEntry(mapping, key) is not { } entry) continue;
            string message = fromFile
                ? $"'{key}' cannot be combined with 'file': give the data either inline or as a CSV file"
                : $"'{key}' only applies to CSV data, which needs 'file'";
            _errors.At(entry.Key, YamlPath.Key(Path, key), message);
        }
    }
}

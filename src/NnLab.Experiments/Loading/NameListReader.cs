using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>A name read from YAML, with where it was written.</summary>
internal sealed record NamedNode(string Name, YamlNode Node, string Path);

/// <summary>Reads a list of unique, non-empty names (feature names, CSV column names); a single name may be written bare.</summary>
internal sealed class NameListReader
{
    private readonly ErrorCollector _errors;

    public NameListReader(ErrorCollector errors) => _errors = errors;

    /// <summary>The names with the node each was written at, or null after reporting.</summary>
    public IReadOnlyList<NamedNode>? Read(YamlNode node, string path)
    {
        if (node is YamlScalarNode && !ScalarText.IsNull(node)) return ReadItems([node], path, single: true);
        if (node is YamlSequenceNode { Children.Count: > 0 } sequence) return ReadItems(sequence.Children, path, single: false);
        _errors.At(node, path, $"expected a non-empty list of names, got {ScalarText.Describe(node)}");
        return null;
    }

    private IReadOnlyList<NamedNode>? ReadItems(IList<YamlNode> items, string path, bool single)
    {
        int errorsBefore = _errors.Count;
        var names = new List<NamedNode>();
        for (int i = 0; i < items.Count; i++)
        {
            string itemPath = single ? path : YamlPath.Index(path, i);
            if (items[i] is not YamlScalarNode { Value: { Length: > 0 } name } || ScalarText.IsNull(items[i]))
                _errors.At(items[i], itemPath, $"expected a name, got {ScalarText.Describe(items[i])}");
            else if (names.Any(n => n.Name == name))
                _errors.At(items[i], itemPath, $"'{name}' is listed twice");
            else
                names.Add(new NamedNode(name, items[i], itemPath));
        }
        return _errors.Count == errorsBefore ? names : null;
    }
}

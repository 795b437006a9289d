using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Reads mapping keys, which must be plain names.</summary>
internal static class MappingKeys
{
    /// <summary>The key's text, or null after reporting a key that is a list, mapping or null.</summary>
    public static string? Name(YamlNode key, string parentPath, ErrorCollector errors)
    {
        if (key is YamlScalarNode { Value: { Length: > 0 } text }) return text;
        errors.At(key, parentPath, $"keys must be names, got {ScalarText.Describe(key)}");
        return null;
    }

    /// <summary>The value under <paramref name="key"/>, or null when absent.</summary>
    public static YamlNode? Find(YamlMappingNode mapping, string key) => FindEntry(mapping, key)?.Value;

    // Compared by text: a parsed key carries a non-specific tag, so it is not Equal to a new YamlScalarNode(key).
    public static KeyValuePair<YamlNode, YamlNode>? FindEntry(YamlMappingNode mapping, string key)
    {
        foreach (var entry in mapping.Children)
            if (entry.Key is YamlScalarNode { Value: { } text } && text == key) return entry;
        return null;
    }

    /// <summary>
    /// The mapping's entries but the one under <paramref name="key"/> (compared by reference), in order. A loop rather
    /// than a query: a query over key-value pairs is not in the precompiled code and was compiled on every load.
    /// </summary>
    public static List<KeyValuePair<YamlNode, YamlNode>> Without(YamlMappingNode mapping, YamlNode key)
    {
        var rest = new List<KeyValuePair<YamlNode, YamlNode>>(mapping.Children.Count);
        foreach (var entry in mapping.Children)
            if (!ReferenceEquals(entry.Key, key)) rest.Add(entry);
        return rest;
    }

    /// <summary>Reports every key of <paramref name="mapping"/> that is not in <paramref name="valid"/>.</summary>
    public static void CheckKnown(YamlMappingNode mapping, string path, IReadOnlyList<string> valid, ErrorCollector errors,
        string? where = null)
    {
        foreach (var key in mapping.Children.Keys)
        {
            if (Name(key, path, errors) is { } name && !valid.Contains(name))
                errors.At(key, YamlPath.Key(path, name), Suggest.UnknownKey(name, valid, "key", where));
        }
    }
}

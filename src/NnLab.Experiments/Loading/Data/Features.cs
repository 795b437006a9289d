using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// One network input derived from the data's columns: a column as it is, or the product of several (the tutorial's
/// feature cross x3 = x1·x2). <see cref="Columns"/> are the column names it reads.
/// </summary>
internal sealed record Feature(string Name, IReadOnlyList<NamedNode> Columns, YamlNode Node, string Path)
{
    public bool IsProduct { get; init; }

    /// <summary>An input that is one column as it is, written where <paramref name="column"/> names it.</summary>
    public static Feature Of(NamedNode column) => new(column.Name, [column], column.Node, column.Path);

    /// <summary>The value for one row, given the row's values of <see cref="Columns"/> in order.</summary>
    public double Evaluate(ReadOnlySpan<double> values) => InputFeature.Evaluate(values);

    /// <summary>How config.resolved.yaml writes it back.</summary>
    public string Resolved() => IsProduct
        ? $"{{{FeatureReader.Product}: {YamlScalarFormatter.List(Columns.Select(c => YamlScalarFormatter.String(c.Name)))}, name: {YamlScalarFormatter.String(Name)}}}"
        : YamlScalarFormatter.String(Name);
}

/// <summary>
/// Reads <c>data.features</c>: a list whose items are column names (<c>x1</c>) or derived inputs
/// (<c>{product: [x1, x2]}</c>, optionally with a <c>name</c>; the default name is <c>x1*x2</c>).
/// </summary>
internal sealed class FeatureReader
{
    public const string Key = "features";
    public const string Product = "product";
    private static readonly string[] ProductKeys = [Product, "name"];

    private readonly ErrorCollector _errors;
    private readonly NameListReader _names;

    public FeatureReader(ErrorCollector errors)
    {
        _errors = errors;
        _names = new NameListReader(errors);
    }

    public IReadOnlyList<Feature>? Read(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } items)
        {
            _errors.At(node, path, $"expected a list of inputs such as [x1, x2, {{product: [x1, x2]}}], got {ScalarText.Describe(node)}");
            return null;
        }
        int errorsBefore = _errors.Count;
        var features = new List<Feature>();
        for (int i = 0; i < items.Children.Count; i++)
            if (ReadOne(items.Children[i], YamlPath.Index(path, i)) is { } feature)
            {
                if (features.Any(f => f.Name == feature.Name))
                    _errors.At(feature.Node, feature.Path, $"input '{feature.Name}' is listed twice");
                features.Add(feature);
            }
        return _errors.Count == errorsBefore ? features : null;
    }

    private Feature? ReadOne(YamlNode item, string path)
    {
        if (item is YamlScalarNode && !ScalarText.IsNull(item))
            return _names.Read(item, path) is [var column] ? Feature.Of(column) : null;
        if (item is not YamlMappingNode mapping)
        {
            _errors.At(item, path, $"expected a column name or {{product: [a, b]}}, got {ScalarText.Describe(item)}");
            return null;
        }
        MappingKeys.CheckKnown(mapping, path, ProductKeys, _errors, path);
        if (MappingKeys.Find(mapping, Product) is not { } factorsNode)
        {
            _errors.At(mapping, path, $"missing required key '{Product}' (the columns to multiply)");
            return null;
        }
        var factors = _names.Read(factorsNode, YamlPath.Key(path, Product));
        if (factors is null) return null;
        if (factors.Count < 2)
        {
            _errors.At(factorsNode, YamlPath.Key(path, Product), "a product needs at least two columns");
            return null;
        }
        string name = string.Join("*", factors.Select(f => f.Name));
        if (MappingKeys.Find(mapping, "name") is { } nameNode)
        {
            if (_names.Read(nameNode, YamlPath.Key(path, "name")) is not [var given]) return null;
            name = given.Name;
        }
        return new Feature(name, factors, mapping, path) { IsProduct = true };
    }
}

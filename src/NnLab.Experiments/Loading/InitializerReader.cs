using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Reads a <see cref="ComponentRef"/> option (an initializer): a name (<c>xavier</c>), a mapping
/// (<c>{name: constant, value: 0.5}</c>) or explicit values (<c>[[0.1, 0.6]]</c>, bound to the <c>values</c> initializer).
/// </summary>
internal sealed class InitializerReader
{
    /// <summary>The initializer explicit values are given to, and its option holding them.</summary>
    public const string ValuesInitializer = "values";
    public const string ValuesKey = "values";

    private readonly ComponentRegistry _registry;
    private readonly ErrorCollector _errors;
    private readonly ComponentReader _components;
    private readonly MatrixReader _matrices;

    public InitializerReader(ComponentRegistry registry, ErrorCollector errors, ComponentReader components)
    {
        _registry = registry;
        _errors = errors;
        _components = components;
        _matrices = new MatrixReader(errors);
    }

    public ComponentRef? Read(YamlNode node, string path)
    {
        if (node is YamlSequenceNode) return ReadValues(node, path);
        var spec = _components.ReadNamed(ComponentKind.Initializer, node, path,
            "an initializer name, a mapping with 'name', or explicit values such as [[0.1, 0.6]]");
        return spec is null ? null : new ComponentRef(spec.Name, spec.Options);
    }

    private ComponentRef? ReadValues(YamlNode node, string path)
    {
        if (FindValuesOption() is not var (descriptor, property))
        {
            _errors.At(node, path, $"explicit values need the '{ValuesInitializer}' initializer with a double[][] '{ValuesKey}' option, which is not registered");
            return null;
        }
        var rows = _matrices.Read(node, path, FlatList.OneRow);
        if (rows is null) return null;
        var options = descriptor.CreateDefaultOptions()!;
        property.SetValue(options, rows);
        return new ComponentRef(descriptor.Name, options);
    }

    private (ComponentDescriptor, OptionProperty)? FindValuesOption()
    {
        if (!_registry.TryGet(ComponentKind.Initializer, ValuesInitializer, out var descriptor) || descriptor.OptionsType is null)
            return null;
        var property = OptionsSchema.Find(descriptor.OptionsType, ValuesKey);
        return property?.Type == typeof(double[][]) ? (descriptor, property) : null;
    }
}

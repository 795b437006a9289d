using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Resolves component names in the registry and binds their options.</summary>
internal sealed class ComponentReader
{
    private readonly ComponentRegistry _registry;
    private readonly ErrorCollector _errors;
    private readonly OptionsBinder _binder;

    public ComponentReader(ComponentRegistry registry, ErrorCollector errors, OptionsBinder binder)
    {
        _registry = registry;
        _errors = errors;
        _binder = binder;
    }

    /// <summary>A cost, optimizer or initializer: <c>name</c> or <c>{name: ..., option: ...}</c>.</summary>
    public ComponentSpec? ReadNamed(ComponentKind kind, YamlNode node, string path, string? expected = null)
    {
        expected ??= $"a {Noun(kind)} name or a mapping with 'name'";
        switch (node)
        {
            case YamlScalarNode { Value: { } name } when !ScalarText.IsNull(node):
                return Resolve(kind, name, node, path) is { } descriptor ? Bind(descriptor, [], node, path) : null;
            case YamlMappingNode mapping:
                return ReadNamedMapping(kind, mapping, path);
            default:
                _errors.At(node, path, $"expected {expected}, got {ScalarText.Describe(node)}");
                return null;
        }
    }

    /// <summary>A layer: a bare name (<c>- sigmoid</c>) or a single-key mapping (<c>- linear: {units: 3}</c>).</summary>
    public ComponentSpec? ReadLayer(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } name } when !ScalarText.IsNull(node):
                return Resolve(ComponentKind.Layer, name, node, path) is { } descriptor ? Bind(descriptor, [], node, path) : null;
            case YamlMappingNode { Children.Count: 1 } mapping:
                return ReadLongFormLayer(mapping, path);
            case YamlMappingNode mapping:
                ReportBadLayerMapping(mapping, path);
                return null;
            default:
                _errors.At(node, path, $"expected a layer: a name such as 'sigmoid' or 'name: {{options}}', got {ScalarText.Describe(node)}");
                return null;
        }
    }

    private ComponentSpec? ReadNamedMapping(ComponentKind kind, YamlMappingNode mapping, string path)
    {
        string namePath = YamlPath.Key(path, "name");
        if (MappingKeys.FindEntry(mapping, "name") is not { } nameEntry)
        {
            _errors.At(mapping, namePath, $"missing required key 'name' (the {Noun(kind)} to use)");
            return null;
        }
        if (nameEntry.Value is not YamlScalarNode { Value: { } name } || ScalarText.IsNull(nameEntry.Value))
        {
            _errors.At(nameEntry.Value, namePath, $"expected a {Noun(kind)} name, got {ScalarText.Describe(nameEntry.Value)}");
            return null;
        }
        var descriptor = Resolve(kind, name, nameEntry.Value, namePath);
        if (descriptor is null) return null;
        var options = MappingKeys.Without(mapping, nameEntry.Key);
        return Bind(descriptor, options, mapping, path);
    }

    private ComponentSpec? ReadLongFormLayer(YamlMappingNode mapping, string path)
    {
        var (typeNode, optionsNode) = mapping.Children.First();
        if (MappingKeys.Name(typeNode, path, _errors) is not { } name) return null;
        var descriptor = Resolve(ComponentKind.Layer, name, typeNode, path);
        if (descriptor is null) return null;
        switch (optionsNode)
        {
            case YamlMappingNode options:
                return Bind(descriptor, options.Children.ToList(), options, path);
            case var _ when ScalarText.IsNull(optionsNode):
                return Bind(descriptor, [], typeNode, path);
            default:
                _errors.At(optionsNode, path,
                    $"expected the options of layer '{name}' as a mapping such as {{units: 3}}, got {ScalarText.Describe(optionsNode)}");
                return null;
        }
    }

    // The usual cause is options indented at the same level as the layer name.
    private void ReportBadLayerMapping(YamlMappingNode mapping, string path)
    {
        var keys = mapping.Children.Keys.Select(k => k is YamlScalarNode { Value: { } v } ? v : "?").ToList();
        string message = keys.Count == 0
            ? "expected a layer, got an empty mapping"
            : $"a layer is written '- name' or '- name: {{options}}', but this mapping has {keys.Count} keys ({string.Join(", ", keys)}); " +
              $"put the options inside '{keys[0]}': {{...}}";
        _errors.At(mapping, path, message);
    }

    private ComponentDescriptor? Resolve(ComponentKind kind, string name, YamlNode at, string path)
    {
        if (_registry.TryGet(kind, name, out var descriptor)) return descriptor;
        _errors.At(at, path, _registry.DescribeUnknown(kind, name));
        return null;
    }

    private ComponentSpec? Bind(ComponentDescriptor descriptor, IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> entries,
        YamlNode owner, string path) =>
        _binder.TryBind(descriptor.OptionsType, entries, owner, path, BindingSubject.Component(descriptor.Kind, descriptor.Name),
            out var options)
            ? new ComponentSpec(descriptor, options)
            : null;

    private static string Noun(ComponentKind kind) => kind.ToString().ToLowerInvariant();
}

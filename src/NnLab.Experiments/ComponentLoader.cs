using NnLab.Experiments.Loading;
using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments;

/// <summary>
/// Resolves a single component written on the command line (<c>nnlab gradcheck --layer swish --options "{beta: 2}"</c>)
/// with the same binding and messages as an experiment file.
/// </summary>
public sealed class ComponentLoader(ComponentRegistry registry)
{
    /// <summary>The layer <paramref name="name"/> with <paramref name="options"/>, a YAML flow mapping (null for defaults).</summary>
    public (ComponentSpec? Spec, IReadOnlyList<ConfigError> Errors) LoadLayer(string name, string? options)
    {
        const string source = "--options";
        var errors = new ErrorCollector(new NodeLocations(source));
        var stream = YamlParsing.TryLoad(options ?? "{}", out var syntaxError);
        if (syntaxError is var (message, position))
            return (null, [new ConfigError(source, (int)position.Line, (int)position.Column, "", message)]);
        YamlNode optionsNode = stream!.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
        var layer = new YamlMappingNode { { new YamlScalarNode(name), optionsNode } };
        errors.Locations.Register(layer.Children.Keys.Single(), new SourceLocation("--layer", 1, 1));
        var spec = new OptionsBinder(registry, errors).Components.ReadLayer(layer, "layer");
        return errors.HasErrors ? (null, errors.Sorted()) : (spec, []);
    }
}

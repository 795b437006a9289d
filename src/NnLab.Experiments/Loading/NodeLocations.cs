using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Maps YAML nodes to the place the user wrote them. Parsed nodes carry their own marks; nodes created by
/// <c>--set</c> (or rewritten by it) have no meaningful mark, so they are registered here explicitly.
/// </summary>
internal sealed class NodeLocations
{
    // Scalar nodes compare by value, so identity is the only safe key.
    private readonly Dictionary<YamlNode, SourceLocation> _registered = new(ReferenceEqualityComparer.Instance);

    public NodeLocations(string file) => File = file;

    /// <summary>The experiment file's name as shown in errors.</summary>
    public string File { get; }

    public SourceLocation Of(YamlNode node) =>
        _registered.TryGetValue(node, out var location)
            ? location
            : new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Register(YamlNode node, SourceLocation location) => _registered[node] = location;

    /// <summary>Registers <paramref name="root"/> and every node below it, each at the location <paramref name="locate"/> gives its mark.</summary>
    public void RegisterTree(YamlNode root, Func<YamlNode, SourceLocation> locate)
    {
        foreach (var node in root.AllNodes) _registered[node] = locate(node);
    }
}

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

    // Registrations made inside a scope (one sweep trial's copy of the tree), dropped when it ends.
    private Dictionary<YamlNode, SourceLocation>? _scoped;

    public SourceLocation Of(YamlNode node) =>
        _scoped is not null && _scoped.TryGetValue(node, out var scoped) ? scoped
        : _registered.TryGetValue(node, out var location) ? location
        : new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Register(YamlNode node, SourceLocation location) => (_scoped ?? _registered)[node] = location;

    /// <summary>Whether <paramref name="node"/> was registered in the current <see cref="Scope"/>: made for the trial being loaded.</summary>
    public bool IsScoped(YamlNode node) => _scoped is not null && _scoped.ContainsKey(node);

    /// <summary>
    /// Until the returned scope is disposed, registrations are kept apart and then forgotten: a sweep registers every
    /// node of each trial's copy of the file, and its errors are resolved to locations as they are reported, so the
    /// copies need not stay known once their trial is loaded.
    /// </summary>
    public IDisposable Scope()
    {
        _scoped = new Dictionary<YamlNode, SourceLocation>(ReferenceEqualityComparer.Instance);
        return new ScopeEnd(this);
    }

    private sealed class ScopeEnd(NodeLocations owner) : IDisposable
    {
        public void Dispose() => owner._scoped = null;
    }

    /// <summary>Registers <paramref name="root"/> and every node below it, each at the location <paramref name="locate"/> gives its mark.</summary>
    public void RegisterTree(YamlNode root, Func<YamlNode, SourceLocation> locate)
    {
        foreach (var node in root.AllNodes) _registered[node] = locate(node);
    }
}

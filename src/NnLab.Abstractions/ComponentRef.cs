namespace NnLab;

/// <summary>
/// A reference to a registered component by name, with its bound options (null when it has none).
/// Layers use it for their initializers: in YAML an initializer is a name (<c>init: xavier</c>),
/// a mapping (<c>init: {name: constant, value: 0.5}</c>) or explicit values (<c>init: [[0.1, 0.6]]</c>).
/// </summary>
public sealed record ComponentRef(string Name, object? Options = null)
{
    public static implicit operator ComponentRef(string name) => new(name);

    public override string ToString() => Name;
}

namespace NnLab.Experiments.Loading;

/// <summary>One step of an override path: a mapping key (<c>learning_rate</c>) or a list index (<c>[0]</c>), and the argument column it starts at.</summary>
internal sealed record OverrideSegment(string? Key, int Index, int Column)
{
    public override string ToString() => Key ?? $"[{Index}]";
}

/// <summary>
/// A parsed <c>--set path=value</c> (or a sweep axis's value): where its path was written, its steps and the value as
/// a YAML node. <see cref="PathStart"/> locates the path's first character: an argument of <c>--set</c>, or the
/// axis key in a sweep block, so problems with the path are reported where the user wrote it.
/// </summary>
internal sealed record ParsedOverride(
    SourceLocation PathStart,
    string Path,
    IReadOnlyList<OverrideSegment> Segments,
    YamlDotNet.RepresentationModel.YamlNode Value,
    string ValueText)
{
    /// <summary>Where column <paramref name="column"/> (1-based) of the path text is.</summary>
    public SourceLocation At(int column) => PathStart with { Column = PathStart.Column + column - 1 };

    /// <summary>The path up to (not including) segment <paramref name="count"/>, for messages.</summary>
    public string Prefix(int count) =>
        string.Concat(Segments.Take(count).Select((s, i) => s.Key is null ? s.ToString() : i == 0 ? s.Key : "." + s.Key));
}

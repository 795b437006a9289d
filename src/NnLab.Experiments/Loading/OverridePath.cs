namespace NnLab.Experiments.Loading;

/// <summary>One step of an override path: a mapping key (<c>learning_rate</c>) or a list index (<c>[0]</c>), and the argument column it starts at.</summary>
internal sealed record OverrideSegment(string? Key, int Index, int Column)
{
    public override string ToString() => Key ?? $"[{Index}]";
}

/// <summary>A parsed <c>--set path=value</c>: its position among the arguments, path steps and value as a YAML node.</summary>
internal sealed record ParsedOverride(
    int Number,
    string Path,
    IReadOnlyList<OverrideSegment> Segments,
    YamlDotNet.RepresentationModel.YamlNode Value,
    string ValueText)
{
    /// <summary>The path up to (not including) segment <paramref name="count"/>, for messages.</summary>
    public string Prefix(int count) =>
        string.Concat(Segments.Take(count).Select((s, i) => s.Key is null ? s.ToString() : i == 0 ? s.Key : "." + s.Key));
}

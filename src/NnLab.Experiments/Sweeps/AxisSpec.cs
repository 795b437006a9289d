using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// One axis of the sweep block: the key path it varies (as written, parsed into the steps <c>--set</c> uses,
/// located at the axis key) and its values.
/// </summary>
internal sealed record AxisSpec(string Path, YamlNode KeyNode, SourceLocation PathStart,
    IReadOnlyList<OverrideSegment> Segments, AxisValues Values)
{
    /// <summary>The path written canonically (<c>model[0].units</c>), to compare axes.</summary>
    public string CanonicalPath =>
        string.Concat(Segments.Select((s, i) => s.Key is null ? s.ToString() : i == 0 ? s.Key : "." + s.Key));
}

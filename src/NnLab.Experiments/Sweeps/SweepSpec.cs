using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The sweep block as read and checked on its own, before any trial is built. The sites are where problems with
/// the whole set of axes, and the seeds repeats derive, are reported.
/// </summary>
internal sealed record SweepSpec(SweepSettings Settings, IReadOnlyList<AxisSpec> Axes, YamlNode AxesSite, YamlNode RepeatsSite);

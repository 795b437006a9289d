using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The sweep block as read and checked on its own, before any trial is built. The sites are where problems with
/// the whole set of axes, and the seeds repeats derive, are reported. <paramref name="RankBy"/> is <c>rank_by</c> as
/// written, with its value's node (null when the block leaves the default to the experiment).
/// </summary>
internal sealed record SweepSpec(SweepSettings Settings, IReadOnlyList<AxisSpec> Axes, YamlNode AxesSite, YamlNode RepeatsSite,
    (SweepRankBy Value, YamlNode Site)? RankBy = null);

using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>The values an axis takes, as written in the sweep block. <see cref="Site"/> is where: errors and generated values point there.</summary>
internal abstract record AxisValues(YamlNode Site)
{
    /// <summary>How many values it has; null for a distribution, which random mode draws from.</summary>
    public abstract int? Count { get; }
}

/// <summary>An explicit list of YAML values (<c>[0.1, 1, 10]</c> or <c>{choice: [...]}</c>), used as written.</summary>
internal sealed record ListValues(YamlNode Site, IReadOnlyList<YamlNode> Items) : AxisValues(Site)
{
    public override int? Count => Items.Count;
}

/// <summary><c>{linspace: [start, stop, count]}</c> or <c>{logspace: [start, stop, count]}</c>.</summary>
internal sealed record SpacedValues(YamlNode Site, Spacing Spacing, double Start, double Stop, int Points) : AxisValues(Site)
{
    public override int? Count => Points;
}

/// <summary><c>{uniform: [low, high]}</c>, <c>{log_uniform: [low, high]}</c> or <c>{int: [low, high]}</c>: random mode only.</summary>
internal sealed record DrawnValues(YamlNode Site, Distribution Distribution, double Low, double High) : AxisValues(Site)
{
    public override int? Count => null;
}

internal enum Spacing
{
    /// <summary>Evenly spaced: start + i·(stop − start)/(count − 1).</summary>
    Linear,

    /// <summary>Geometric between the endpoints, which are the values themselves (numpy's geomspace, not logspace's exponents).</summary>
    Geometric,
}

internal enum Distribution
{
    Uniform,
    LogUniform,
    Integer,
}

using NnLab.Numerics;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The combinations of axis values a sweep runs, one value per axis in the order the axes are written.
/// The order is part of the definition: trial numbers, folder names and resume all depend on it.
/// </summary>
internal static class TrialCombinations
{
    /// <summary>How many combinations <paramref name="mode"/> makes, computed without building them (it may be huge).</summary>
    public static long Count(SweepMode mode, IReadOnlyList<Axis> axes, int? samples) => mode switch
    {
        SweepMode.Grid => axes.Aggregate(1L, (product, axis) => Math.Min(product * axis.Values.Count, long.MaxValue / 1_000_000)),
        SweepMode.Zip => axes[0].Values.Count,
        _ => samples ?? 0,
    };

    public static List<YamlNode[]> Build(SweepMode mode, IReadOnlyList<Axis> axes, int? samples, uint? samplerSeed) => mode switch
    {
        SweepMode.Grid => Grid(axes),
        SweepMode.Zip => Zip(axes),
        _ => Random(axes, samples ?? 0, samplerSeed ?? 0),
    };

    /// <summary>The cartesian product as nested loops in axis order: the last axis varies fastest.</summary>
    private static List<YamlNode[]> Grid(IReadOnlyList<Axis> axes)
    {
        var combinations = new List<YamlNode[]> { Array.Empty<YamlNode>() };
        foreach (var axis in axes)
            combinations = combinations.SelectMany(prefix => axis.Values.Select(value => (YamlNode[])[.. prefix, value])).ToList();
        return combinations;
    }

    private static List<YamlNode[]> Zip(IReadOnlyList<Axis> axes) =>
        Enumerable.Range(0, axes[0].Values.Count).Select(i => axes.Select(a => a.Values[i]).ToArray()).ToList();

    /// <summary>Sample after sample, one draw per axis in axis order, from one numpy-compatible stream.</summary>
    private static List<YamlNode[]> Random(IReadOnlyList<Axis> axes, int samples, uint seed)
    {
        var random = new NumpyRandomState(seed);
        return Enumerable.Range(0, samples).Select(_ => axes.Select(a => a.Draw(random)).ToArray()).ToList();
    }
}

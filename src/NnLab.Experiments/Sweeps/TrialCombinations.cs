using NnLab.Numerics;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The combinations of axis values a sweep runs, one value per axis in the order the axes are written, each found
/// from its number when asked for: a grid counts in mixed radix over the axes' values (the last axis fastest), zip
/// takes the number's value from every axis, random mode keeps the choices it drew (a double per axis and sample).
/// The order is part of the definition: trial numbers, folder names and resume all depend on it.
/// </summary>
internal sealed class TrialCombinations
{
    private readonly SweepMode _mode;

    // Grid: how many combinations pass while axis a keeps one value (the product of the later axes' counts).
    private readonly int[] _strides;

    // Random: each axis's choice in each sample, drawn once.
    private readonly double[][] _draws;

    private TrialCombinations(SweepMode mode, IReadOnlyList<Axis> axes, int count, int[]? strides = null, double[][]? draws = null)
    {
        _mode = mode;
        Axes = axes;
        Count = count;
        _strides = strides ?? [];
        _draws = draws ?? [];
    }

    /// <summary>How many combinations <paramref name="mode"/> makes, computed without making them (it may be huge).</summary>
    public static long CountOf(SweepMode mode, IReadOnlyList<Axis> axes, int? samples) => mode switch
    {
        SweepMode.Grid => axes.Aggregate(1L, (product, axis) => Math.Min(product * axis.Values.Count, long.MaxValue / 1_000_000)),
        SweepMode.Zip => axes[0].Values.Count,
        _ => samples ?? 0,
    };

    /// <summary>The combinations, once <see cref="CountOf"/> is known to fit a sweep.</summary>
    public static TrialCombinations Build(SweepMode mode, IReadOnlyList<Axis> axes, int? samples, uint? samplerSeed)
    {
        int count = checked((int)CountOf(mode, axes, samples));
        return mode switch
        {
            SweepMode.Grid => new(mode, axes, count, strides: Strides(axes)),
            SweepMode.Zip => new(mode, axes, count),
            _ => new(mode, axes, count, draws: Draws(axes, count, samplerSeed ?? 0)),
        };
    }

    public IReadOnlyList<Axis> Axes { get; }

    public int Count { get; }

    /// <summary>The value of axis <paramref name="axis"/> in combination <paramref name="combination"/> as one-line YAML.</summary>
    public string Text(int combination, int axis) => Axes[axis].Text(Choice(combination, axis));

    /// <summary>A new node of that value, located where it is written (see <see cref="Axis.Node"/>).</summary>
    public YamlNode Node(int combination, int axis) => Axes[axis].Node(Choice(combination, axis));

    private double Choice(int combination, int axis) => _mode switch
    {
        SweepMode.Grid => combination / _strides[axis] % Axes[axis].Values.Count,
        SweepMode.Zip => combination,
        _ => _draws[axis][combination],
    };

    private static int[] Strides(IReadOnlyList<Axis> axes)
    {
        var strides = new int[axes.Count];
        int stride = 1;
        for (int a = axes.Count - 1; a >= 0; a--)
        {
            strides[a] = stride;
            stride *= axes[a].Values.Count;
        }
        return strides;
    }

    /// <summary>Sample after sample, one draw per axis in axis order, from one numpy-compatible stream.</summary>
    private static double[][] Draws(IReadOnlyList<Axis> axes, int samples, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var draws = axes.Select(_ => new double[samples]).ToArray();
        for (int s = 0; s < samples; s++)
            for (int a = 0; a < axes.Count; a++)
                draws[a][s] = axes[a].Draw(random);
        return draws;
    }
}

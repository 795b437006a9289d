namespace NnLab.Experiments.Sweeps;

/// <summary>
/// What trial number i of a sweep sets, derived from i alone: its combination (i / repeats), its repeat (i mod
/// repeats, with the derived seed), and from them its parameters and label. Nothing is kept per trial, so a sweep
/// shows any trial's parameters and label without holding them.
/// </summary>
internal sealed class TrialDefinitions
{
    private readonly IReadOnlyList<string> _paths;
    private readonly IReadOnlyList<string> _labelNames;
    private readonly int _repeats;
    private readonly uint _baseSeed;

    public TrialDefinitions(TrialCombinations combinations, IReadOnlyList<AxisSpec> axes, int repeats, uint baseSeed)
    {
        Combinations = combinations;
        _paths = axes.Select(a => a.CanonicalPath).ToArray();
        _labelNames = TrialLabels.ShortNames(axes);
        _repeats = repeats;
        _baseSeed = baseSeed;
    }

    public TrialCombinations Combinations { get; }

    /// <summary>How many trials: every combination, repeated.</summary>
    public int Count => Combinations.Count * _repeats;

    public int Combination(int index) => index / _repeats;

    /// <summary>Trial <paramref name="index"/>'s repeat number and seed, or null when the sweep does not repeat (the file's seed stands).</summary>
    public (int Number, uint Seed)? Repeat(int index) =>
        _repeats == 1 ? null : (index % _repeats, RepeatSeeds.For(_baseSeed, index % _repeats));

    /// <summary>The axis values in axis order, then repeat and seed when the sweep repeats.</summary>
    public IReadOnlyList<SweepParameter> Of(int index)
    {
        int combination = Combination(index);
        var parameters = new List<SweepParameter>(_paths.Count + 2);
        for (int a = 0; a < _paths.Count; a++) parameters.Add(new SweepParameter(_paths[a], Combinations.Text(combination, a)));
        if (Repeat(index) is var (number, seed))
        {
            parameters.Add(new SweepParameter(SweepBlock.RepeatParameter, NumberNodes.IntegerText(number)));
            parameters.Add(new SweepParameter(SweepBlock.SeedParameter, NumberNodes.IntegerText(seed)));
        }
        return parameters;
    }

    /// <summary>Its folder name (<see cref="TrialLabels"/>): the axis values by their short names, then the repeat.</summary>
    public string Label(int index)
    {
        int combination = Combination(index);
        var parts = new List<(string, string)>(_labelNames.Count + 1);
        for (int a = 0; a < _labelNames.Count; a++) parts.Add((_labelNames[a], Combinations.Text(combination, a)));
        if (Repeat(index) is var (number, _)) parts.Add((SweepBlock.RepeatParameter, NumberNodes.IntegerText(number)));
        return TrialLabels.Label(index, Count, parts);
    }
}

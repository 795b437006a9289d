namespace NnLab.Runner.Sweeps;

/// <summary>One metric over a group's completed repeats: how many had it, their mean, sample standard deviation (ddof 1; null for one), min and max.</summary>
public sealed record MetricStatistics(int Count, double Mean, double? StandardDeviation, double Min, double Max)
{
    /// <summary>
    /// The statistics of <paramref name="values"/> in the order given: the mean is their sum left to right over the count,
    /// the standard deviation √(Σ(x − mean)² / (n − 1)); null for no values.
    /// </summary>
    public static MetricStatistics? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Count;
        double? deviation = null;
        if (values.Count > 1)
        {
            double squares = 0;
            foreach (double v in values) squares += (v - mean) * (v - mean);
            deviation = Math.Sqrt(squares / (values.Count - 1));
        }
        return new MetricStatistics(values.Count, mean, deviation, values.Min(), values.Max());
    }
}

/// <summary>
/// The trials of one combination of axis values, which differ only by repeat (and so seed): trials
/// <c>Index·repeats</c> to <c>Index·repeats + repeats − 1</c>. Without repeats every trial is its own group.
/// </summary>
/// <param name="Index">The combination's number, from 0.</param>
/// <param name="Label">Its first trial's label without the trial number and repeat: <c>learning_rate=0.5</c>.</param>
/// <param name="Parameters">The axis values (the trials' parameters without repeat and seed).</param>
/// <param name="Trials">Its repeats in order.</param>
public sealed record TrialGroup(int Index, string Label, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<TrialRecord> Trials)
{
    public int Completed => Trials.Count(t => t.Status == TrialStatus.Completed);
    public int Diverged => Trials.Count(t => t.Status == TrialStatus.Diverged);
    public int Failed => Trials.Count(t => t.Status is TrialStatus.Failed or TrialStatus.Crashed);

    /// <summary>Repeats that never ended on their own: cancelled, or never (or not yet) run.</summary>
    public int NotRun => Trials.Count - Completed - Diverged - Failed;

    /// <summary><paramref name="metric"/> over the completed repeats that have a finite value of it.</summary>
    public MetricStatistics? Statistics(SweepMetric metric) => MetricStatistics.Of(
        Trials.Where(t => t.Status == TrialStatus.Completed).Select(t => t.Metric(metric))
            .OfType<double>().Where(double.IsFinite).ToList());

    /// <summary>Every repeat completed with a finite value of <paramref name="metric"/>.</summary>
    public bool IsComplete(SweepMetric metric) => Statistics(metric)?.Count == Trials.Count;

    /// <summary>
    /// Groups <paramref name="trials"/> (in trial order) by combination: <paramref name="repeats"/> consecutive trials
    /// each. Each group is made when it is read, from the trials then: a sweep of 100,000 trials holds none of them.
    /// </summary>
    public static IReadOnlyList<TrialGroup> Of(IReadOnlyList<TrialRecord> trials, int repeats)
    {
        repeats = Math.Max(1, repeats);
        return new IndexedList<TrialGroup>((trials.Count + repeats - 1) / repeats, g =>
        {
            var chunk = new TrialRecord[Math.Min(repeats, trials.Count - g * repeats)];
            for (int i = 0; i < chunk.Length; i++) chunk[i] = trials[g * repeats + i];
            return new TrialGroup(g, LabelOf(chunk[0], repeats),
                // Without repeats a group's parameters are its trial's: shared, not copied.
                repeats == 1 ? chunk[0].Parameters : chunk[0].Parameters.Where(p => p.Key is not (RepeatParameter or SeedParameter)).ToDictionary(),
                chunk);
        });
    }

    private const string RepeatParameter = "repeat";
    private const string SeedParameter = "seed";

    // "003-learning_rate=0.5,repeat=0" → "learning_rate=0.5"; a label cut short may have lost its repeat part.
    private static string LabelOf(TrialRecord first, int repeats)
    {
        string label = first.Label;
        int dash = label.IndexOf('-');
        if (dash >= 0 && dash + 1 < label.Length && label[..dash].All(char.IsAsciiDigit)) label = label[(dash + 1)..];
        if (repeats > 1)
        {
            int repeat = label.LastIndexOf($"{RepeatParameter}=", StringComparison.Ordinal);
            if (repeat == 0) label = "";
            else if (repeat > 0 && label[repeat - 1] == ',') label = label[..(repeat - 1)];
        }
        return label.Length > 0 ? label : first.Label;
    }
}

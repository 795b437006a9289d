using NnLab.Reports.Data;

namespace NnLab.Reports.Sweeps;

/// <summary>What a trial's cost did, judged from its numbers alone.</summary>
internal enum Regime
{
    /// <summary>Reached a low cost: fell by more than 70 % of its initial value and, when the best setting shows a floor, to within 2× of it.</summary>
    Converged,

    /// <summary>Still falling at its last epoch and not there yet (above 30 % of its initial cost, or above twice the floor the best setting found).</summary>
    UnderTrained,

    /// <summary>Stopped improving (not falling) above 30 % of its initial cost: a local minimum or plateau.</summary>
    Stuck,

    /// <summary>Final cost at least 0.99 × its initial cost: barely moved, or got worse and stayed there.</summary>
    Stalled,

    /// <summary>Stopped as diverged.</summary>
    Diverged,

    /// <summary>Repeats of one setting disagree (a group only).</summary>
    Mixed,
}

/// <summary>The trials sharing one combination of the swept values (its repeats), with their aggregate numbers.</summary>
internal sealed class SweepGroup
{
    public required IReadOnlyList<string> Values { get; init; }
    public required IReadOnlyList<TrialData> Trials { get; init; }
    public required IReadOnlyList<Regime> TrialRegimes { get; init; }

    public IEnumerable<TrialData> Completed => Trials.Where(t => t.Status == "completed");
    public double MeanFinal => Mean(Completed.Select(t => t.FinalCost));
    public double MinFinal => Completed.Select(t => t.FinalCost).DefaultIfEmpty(double.NaN).Min();
    public double MaxFinal => Completed.Select(t => t.FinalCost).DefaultIfEmpty(double.NaN).Max();
    public double MeanValidation => Mean(Completed.Select(t => t.ValidationCost));
    public double? MeanAccuracy => Completed.Any(t => t.Accuracy is not null) ? Completed.Where(t => t.Accuracy is not null).Average(t => t.Accuracy!.Value) : null;
    public int DivergedCount => Trials.Count(t => t.Diverged);

    /// <summary>The ranking metric: mean validation cost when the sweep has one, else mean final cost.</summary>
    public double Metric(bool validation) => validation ? MeanValidation : MeanFinal;

    public Regime Regime
    {
        get
        {
            var finished = TrialRegimes.Distinct().ToList();
            return finished.Count == 1 ? finished[0] : Regime.Mixed;
        }
    }

    private static double Mean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }
}

/// <summary>
/// A sweep's trials grouped over repeats, ranked, and classified into regimes; <see cref="Verdict"/> says it in words.
/// </summary>
internal sealed class SweepAnalysis
{
    /// <summary>A trial whose final cost is at least this × its initial cost "stalled".</summary>
    public const double StalledRatio = 0.99;

    /// <summary>A trial above this × its initial cost has not yet made most of its way down.</summary>
    public const double LearnedRatio = 0.3;

    public required SweepFolderData Sweep { get; init; }
    public required IReadOnlyList<string> Axes { get; init; }

    /// <summary>Groups in the order of the first trial of each (the sweep's own order: grid order, values ascending as written).</summary>
    public required IReadOnlyList<SweepGroup> Groups { get; init; }

    /// <summary>The ranking metric's name: validation cost when the sweep scored one, else final cost.</summary>
    public bool RanksByValidation => Sweep.HasValidation;

    /// <summary>The lowest cost the best setting settled at (not still falling), or null when it was still falling.</summary>
    public double? Floor { get; init; }

    public SweepGroup? Best => Groups.Where(g => double.IsFinite(g.Metric(RanksByValidation)))
        .OrderBy(g => g.Metric(RanksByValidation)).FirstOrDefault();

    /// <summary>Whether the axis's values are all positive numbers spanning at least a factor of 50 (plotted on a log axis).</summary>
    public bool IsLogSpaced(int axis)
    {
        var values = AxisNumbers(axis);
        return values is { Count: > 2 } && values.All(v => v > 0) && values.Max() / values.Min() >= 50;
    }

    /// <summary>The axis's distinct numeric values ascending, or null when some value is not a number.</summary>
    public IReadOnlyList<double>? AxisNumbers(int axis)
    {
        var parsed = Groups.Select(g => Format.Parse(g.Values[axis])).Distinct().ToList();
        return parsed.Any(v => v is null) ? null : parsed.Select(v => v!.Value).Order().ToList();
    }

    public IReadOnlyList<string> AxisValues(int axis) => Groups.Select(g => g.Values[axis]).Distinct().ToList();

    /// <summary>
    /// Whether settings share values of the axis, as a grid's do; false when every setting has a value of its own
    /// (values drawn at random), where grouping by the axis's value gives one group per trial.
    /// </summary>
    public bool ValuesRepeat(int axis) => AxisValues(axis).Count < Groups.Count;

    public static SweepAnalysis Analyse(SweepFolderData sweep)
    {
        var axes = sweep.Axes;
        var byKey = sweep.Trials
            .GroupBy(t => string.Join("\u0001", axes.Select(a => t.Parameters.GetValueOrDefault(a, ""))))
            .Select(g => g.OrderBy(t => t.Index).ToList())
            .OrderBy(g => g[0].Index)
            .ToList();
        // The floor: the best group's mean final cost when none of its trials was still falling.
        var best = byKey.Where(g => g.Any(t => t.Status == "completed"))
            .OrderBy(g => g.Where(t => t.Status == "completed").Average(t => t.FinalCost)).FirstOrDefault();
        double? floor = best is not null && best.Where(t => t.Status == "completed").All(t => !Falling(t))
            ? best.Where(t => t.Status == "completed").Average(t => t.FinalCost)
            : null;
        var groups = byKey.Select(trials => new SweepGroup
        {
            Values = axes.Select(a => trials[0].Parameters.GetValueOrDefault(a, "")).ToList(),
            Trials = trials,
            TrialRegimes = trials.Where(t => t.Finished).Select(t => Classify(t, floor)).ToList(),
        }).ToList();
        return new SweepAnalysis { Sweep = sweep, Axes = axes, Groups = groups, Floor = floor };
    }

    public static Regime Classify(TrialData trial, double? floor)
    {
        if (trial.Diverged) return Regime.Diverged;
        double ratio = trial.FinalToInitial;
        if (ratio >= StalledRatio) return Regime.Stalled;
        bool falling = Falling(trial);
        if (falling && (ratio > LearnedRatio || (floor is { } f && trial.FinalCost > 2 * f))) return Regime.UnderTrained;
        if (!falling && ratio > LearnedRatio) return Regime.Stuck;
        return Regime.Converged;
    }

    private static bool Falling(TrialData trial) =>
        trial.Curve.Count >= 3 ? trial.Curve.StillFalling()
        : !double.IsNaN(trial.BestEpoch) && trial.EpochsCompleted is { } e && trial.BestEpoch >= e - 1;

    /// <summary>
    /// The verdict in sentences computed from the data: the best setting, then the regimes along the first axis
    /// (runs of neighbouring values with the same regime), then the diverged and failed counts.
    /// </summary>
    public IReadOnlyList<string> Verdict()
    {
        var lines = new List<string>();
        string metric = RanksByValidation ? "mean validation cost" : "mean final cost";
        if (Best is { } best) lines.Add($"best: {Describe(best)} ({BestFigure(best, metric)})");
        else lines.Add("no trial completed: nothing to rank");
        lines.AddRange(RegimeLines());

        int diverged = Sweep.Trials.Count(t => t.Diverged);
        if (diverged > 0)
        {
            var epochs = Sweep.Trials.Where(t => t.Diverged && t.EpochsCompleted is not null).Select(t => t.EpochsCompleted!.Value).ToList();
            string after = epochs.Count > 0 ? $", stopping after {Span(epochs.Min(), epochs.Max(), 0)} epochs" : "";
            lines.Add($"{diverged} trial{(diverged == 1 ? "" : "s")} diverged{after}");
        }
        else lines.Add("no trial diverged");
        int failed = Sweep.Trials.Count(t => t.Status == "failed");
        if (failed > 0) lines.Add($"{failed} trial{(failed == 1 ? "" : "s")} failed (see the table's reasons)");
        int unfinished = Sweep.Trials.Count(t => t.Status is "pending" or "running" or "cancelled");
        if (unfinished > 0) lines.Add($"{unfinished} trial{(unfinished == 1 ? "" : "s")} did not finish (pending, running or cancelled)");
        return lines;
    }

    /// <summary>The best setting's ranking metric: a mean over its seeds, or one trial's figure and its seed.</summary>
    private string BestFigure(SweepGroup best, string metric)
    {
        var completed = best.Completed.ToList();
        string value = Format.Cost(best.Metric(RanksByValidation));
        if (completed.Count > 1) return $"{metric} {value} over {completed.Count} seeds";
        string figure = RanksByValidation ? "validation cost" : "final cost";
        return completed.Count == 1 && Sweep.SeedsVary && completed[0].Parameters.TryGetValue(SweepFolderData.SeedAxis, out var seed)
            ? $"{figure} {value}, seed {seed}"
            : $"{figure} {value}";
    }

    /// <summary>
    /// What the trials did, in words: along a single axis, runs of neighbouring values (at most 12 lines); otherwise one
    /// line per regime with its count (and, for a single numeric axis, the range of values it covers).
    /// </summary>
    private List<string> RegimeLines()
    {
        var lines = new List<string>();
        if (Axes.Count == 0)
        {
            if (Groups.FirstOrDefault(g => g.TrialRegimes.Count > 0) is { } only)
                lines.Add($"{only.Trials.Count} trials of one setting: {Phrase([only])}");
            return lines;
        }
        var runs = Axes.Count == 1 ? Runs() : [];
        if (Axes.Count == 1 && runs.Count <= 12)
        {
            for (int i = 0; i < runs.Count; i++)
                lines.Add($"{Range(runs[i], atEnd: i == runs.Count - 1 && runs.Count > 1)} {Phrase(runs[i])}");
            return lines;
        }
        // Many runs along one axis: its values were drawn at random and the regimes interleave where they meet.
        string noun = Axes.Count > 1 ? "combinations" : Groups.All(g => g.Trials.Count == 1) ? "trials" : "settings";
        foreach (var regime in Groups.Where(g => g.TrialRegimes.Count > 0).GroupBy(g => g.Regime).OrderBy(g => g.Key))
            lines.Add($"{regime.Count()} of {Groups.Count} {noun}{AxisRange(regime.ToList())} {Phrase(regime.ToList())}");
        return lines;
    }

    /// <summary>", learning_rate 0.01–0.3:" — the range a regime covers on a single numeric axis; empty otherwise.</summary>
    private string AxisRange(List<SweepGroup> groups)
    {
        if (Axes.Count != 1 || AxisNumbers(0) is null) return "";
        var values = groups.Select(g => Format.Parse(g.Values[0])!.Value).ToList();
        string lo = Format.Number(values.Min()), hi = Format.Number(values.Max());
        return $", {ShortName(Axes[0])} {(lo == hi ? lo : $"{lo}–{hi}")}:";
    }

    /// <summary>Neighbouring groups (by the first axis's value) with the same regime.</summary>
    public IReadOnlyList<List<SweepGroup>> Runs()
    {
        var ordered = AxisNumbers(0) is not null
            ? Groups.Where(g => g.TrialRegimes.Count > 0).OrderBy(g => Format.Parse(g.Values[0])).ToList()
            : Groups.Where(g => g.TrialRegimes.Count > 0).ToList();
        var runs = new List<List<SweepGroup>>();
        foreach (var g in ordered)
            if (runs.Count > 0 && runs[^1][^1].Regime == g.Regime && g.Regime != Regime.Mixed) runs[^1].Add(g);
            else runs.Add([g]);
        return runs;
    }

    private string Describe(SweepGroup group) => Axes.Count == 0
        ? "the one setting"
        : string.Join(", ", Axes.Select((a, i) => $"{ShortName(a)} {ShortValue(group.Values[i])}"));

    public static string ShortName(string path)
    {
        int dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    public static string ShortValue(string value) => Format.Parse(value) is { } v ? Format.Number(v) : value;

    private static string Range(List<SweepGroup> run, bool atEnd)
    {
        string first = ShortValue(run[0].Values[0]), last = ShortValue(run[^1].Values[0]);
        return run.Count == 1 ? first : atEnd ? $"≥ {first}" : $"{first}–{last}";
    }

    private static string Phrase(List<SweepGroup> run)
    {
        var trials = run.SelectMany(g => g.Completed).ToList();
        double lo = trials.Select(t => t.FinalCost).DefaultIfEmpty(double.NaN).Min();
        double hi = trials.Select(t => t.FinalCost).DefaultIfEmpty(double.NaN).Max();
        string finals = $"final cost {Span(lo, hi, 2)}";
        switch (run[0].Regime)
        {
            case Regime.Converged: return $"converged ({finals})";
            case Regime.UnderTrained: return $"still falling at the last epoch (under-trained; {finals})";
            case Regime.Stuck: return $"stopped improving well above the best (stuck; {finals})";
            case Regime.Stalled:
                var ratios = trials.Select(t => t.FinalToInitial).ToList();
                string how = ratios.Count > 0 && ratios.Min() > 1.01 ? "worse than it started" : "barely moved";
                var median = trials.Select(t => t.FinalCost).Order().ElementAtOrDefault(trials.Count / 2);
                return $"stalled at {Format.Cost(median)} ({how}: final/initial {Span(ratios.DefaultIfEmpty(double.NaN).Min(), ratios.DefaultIfEmpty(double.NaN).Max(), 2)})";
            case Regime.Diverged: return $"diverged ({run.Sum(g => g.DivergedCount)} trials)";
            default:
                var g0 = run[0];
                var kinds = string.Join(", ", g0.TrialRegimes.GroupBy(r => r).Select(r => $"{r.Count()} {Name(r.Key)}"));
                return $"depends on the seed: {kinds} ({finals})";
        }
    }

    public static string Name(Regime regime) => regime switch
    {
        Regime.UnderTrained => "under-trained",
        _ => regime.ToString().ToLowerInvariant(),
    };

    private static string Span(double lo, double hi, int digits) =>
        Format.Number(lo, digits) == Format.Number(hi, digits) ? Format.Number(lo, digits) : $"{Format.Number(lo, digits)}–{Format.Number(hi, digits)}";
}

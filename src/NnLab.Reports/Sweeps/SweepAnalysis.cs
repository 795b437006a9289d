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

/// <summary>
/// The trials sharing one combination of the swept values (its repeats), with their aggregate numbers: a view of
/// <see cref="SweepAnalysis"/>' groups (a random sweep has as many groups as trials, so a group holds no list of its own).
/// </summary>
internal readonly record struct SweepGroup(SweepAnalysis Analysis, int Slot)
{
    /// <summary>Its value of the axis (an empty text when its trials have none).</summary>
    public ParameterValue Value(int axis) => Analysis.ValueOf(Slot, axis);

    /// <summary>Its values as trials.json wrote them, one per axis.</summary>
    public IReadOnlyList<string> Values
    {
        get
        {
            var values = new string[Analysis.Axes.Count];
            for (int a = 0; a < values.Length; a++) values[a] = Value(a).Text;
            return values;
        }
    }

    /// <summary>Its trials in index order.</summary>
    public IReadOnlyList<SweepTrial> Trials => Analysis.TrialsOf(Slot);

    /// <summary>How many trials it has.</summary>
    public int Count => Analysis.Grouping.MemberCount(Slot);

    /// <summary>The regime of each of its finished trials, in index order.</summary>
    public IReadOnlyList<Regime> TrialRegimes => Trials.Where(t => t.Finished).Select(Analysis.RegimeOf).ToList();

    /// <summary>Whether some trial of it finished (has a regime).</summary>
    public bool HasFinished => Analysis.GroupRegime(Slot) is not null;

    /// <summary>Its completed trials in index order.</summary>
    public List<SweepTrial> Completed
    {
        get
        {
            var completed = new List<SweepTrial>();
            Analysis.AddCompleted(Slot, completed);
            return completed;
        }
    }

    public double MeanFinal => Metric(false);
    public double MinFinal => Completed.Select(t => t.FinalCost).DefaultIfEmpty(double.NaN).Min();
    public double MaxFinal => Completed.Select(t => t.FinalCost).DefaultIfEmpty(double.NaN).Max();
    public double MeanValidation => Metric(true);
    public double? MeanAccuracy => Completed.Any(t => t.Accuracy is not null) ? Completed.Where(t => t.Accuracy is not null).Average(t => t.Accuracy!.Value) : null;

    public int DivergedCount
    {
        get
        {
            int count = 0;
            for (int k = 0; k < Count; k++) if (Trial(k).Diverged) count++;
            return count;
        }
    }

    /// <summary>Whether costs.csv has a curve of some trial of it.</summary>
    public bool HasCurve
    {
        get
        {
            for (int k = 0; k < Count; k++) if (Trial(k).HasCurve) return true;
            return false;
        }
    }

    /// <summary>The ranking metric: mean validation cost when the sweep has one, else mean final cost.</summary>
    public double Metric(bool validation) => Analysis.MetricOf(Slot, validation);

    /// <summary>Its trials' regime when they all share one, else (seeds disagree, or none finished) mixed.</summary>
    public Regime Regime => Analysis.GroupRegime(Slot) ?? Regime.Mixed;

    private SweepTrial Trial(int k) => Analysis.Sweep.Trials[Analysis.Grouping.Member(Slot, k)];
}

/// <summary>
/// A sweep's trials grouped over repeats, ranked, and classified into regimes; <see cref="Verdict"/> says it in words.
/// Everything it keeps is an array of numbers or none (a random sweep's groups are its trials): no object per group.
/// </summary>
internal sealed class SweepAnalysis
{
    /// <summary>A trial whose final cost is at least this × its initial cost "stalled".</summary>
    public const double StalledRatio = 0.99;

    /// <summary>A trial above this × its initial cost has not yet made most of its way down.</summary>
    public const double LearnedRatio = 0.3;

    public SweepFolderData Sweep { get; }
    public IReadOnlyList<string> Axes { get; }

    /// <summary>Groups in the order of the first trial of each (the sweep's own order: grid order, values ascending as written).</summary>
    public IReadOnlyList<SweepGroup> Groups { get; }

    /// <summary>The ranking metric's name: validation cost when the sweep scored one, else final cost.</summary>
    public bool RanksByValidation => Sweep.HasValidation;

    /// <summary>The lowest cost the best setting settled at (not still falling), or null when it was still falling.</summary>
    public double? Floor { get; }

    internal TrialGroups Grouping { get; }

    // Each trial's regime by position and each group's by slot (the same array when each trial is its own group;
    // NoRegime: no trial finished, Mixed: they disagree), and the ranking metric of each group of more than one trial
    // (a single trial's is its own figure, read when asked).
    private const byte NoRegime = byte.MaxValue;
    private readonly byte[] _groupRegimes;
    private readonly byte[] _trialRegimes;
    private readonly double[]? _metrics;
    private readonly ParameterValueColumn[] _axisColumns;
    private readonly IReadOnlyList<ParameterValue>?[] _axisValues;
    private readonly AxisNumberRange?[] _axisNumbers;
    private readonly bool[] _axisNumbersKnown;
    private readonly bool?[] _valuesRepeat;
    private SweepGroup? _best;
    private bool _bestKnown;

    private SweepAnalysis(SweepFolderData sweep)
    {
        Sweep = sweep;
        Axes = sweep.Axes;
        _axisColumns = Axes.Select(a => new ParameterValueColumn(sweep.Trials, a)).ToArray();
        Grouping = TrialGroups.Of(sweep.Trials, _axisColumns);
        Groups = new GroupList(this);
        if (!Grouping.AreSingleTrials)
        {
            _metrics = new double[Grouping.Count];
            for (int slot = 0; slot < _metrics.Length; slot++) _metrics[slot] = Mean(slot, RanksByValidation);
        }
        Floor = FloorOf();
        _trialRegimes = new byte[sweep.Trials.Count];
        foreach (var trial in sweep.Trials) _trialRegimes[trial.Position] = trial.Finished ? (byte)Classify(trial, Floor) : NoRegime;
        _groupRegimes = Grouping.AreSingleTrials ? _trialRegimes : new byte[Grouping.Count];
        if (!Grouping.AreSingleTrials)
            for (int slot = 0; slot < _groupRegimes.Length; slot++) _groupRegimes[slot] = RegimeOfMembers(slot);
        _axisValues = new IReadOnlyList<ParameterValue>?[Axes.Count];
        _axisNumbers = new AxisNumberRange?[Axes.Count];
        _axisNumbersKnown = new bool[Axes.Count];
        _valuesRepeat = new bool?[Axes.Count];
    }

    public static SweepAnalysis Analyse(SweepFolderData sweep) => new(sweep);

    /// <summary>The first group of the lowest finite ranking metric (a stable sort's first), or null when none has one.</summary>
    public SweepGroup? Best
    {
        get
        {
            if (_bestKnown) return _best;
            int best = -1;
            double lowest = double.NaN;
            for (int rank = 0; rank < Groups.Count; rank++)
            {
                double metric = MetricOf(Grouping.SlotAt(rank), RanksByValidation);
                if (double.IsFinite(metric) && (best < 0 || metric < lowest)) (best, lowest) = (rank, metric);
            }
            _best = best < 0 ? null : Groups[best];
            _bestKnown = true;
            return _best;
        }
    }

    /// <summary>Whether the axis's values are all positive numbers spanning at least a factor of 50 (plotted on a log axis).</summary>
    public bool IsLogSpaced(int axis) => AxisNumbers(axis) is { IsLogSpaced: true };

    /// <summary>The range of the axis's distinct numeric values, or null when some value is not a number.</summary>
    public AxisNumberRange? AxisNumbers(int axis)
    {
        if (!_axisNumbersKnown[axis])
        {
            _axisNumbers[axis] = NumberRange(axis);
            _axisNumbersKnown[axis] = true;
        }
        return _axisNumbers[axis];
    }

    private AxisNumberRange? NumberRange(int axis)
    {
        var range = new AxisNumberRange();
        foreach (var group in Groups)
        {
            if (group.Value(axis).Parsed is not { } number) return null;
            range.Add(number);
        }
        return range;
    }

    /// <summary>The axis's distinct values in the groups' order.</summary>
    public IReadOnlyList<ParameterValue> AxisValues(int axis) => _axisValues[axis] ??= Groups.Select(g => g.Value(axis)).Distinct().ToList();

    /// <summary>
    /// Whether settings share values of the axis, as a grid's do; false when every setting has a value of its own
    /// (values drawn at random), where grouping by the axis's value gives one group per trial.
    /// </summary>
    public bool ValuesRepeat(int axis) => _valuesRepeat[axis] ??= SomeValueRepeats(axis);

    /// <summary>
    /// Whether two groups share the axis's value: never with one axis (the groups are its distinct values), otherwise
    /// found by sorting the groups by it (an array of slots, where a set of the values took ~30 bytes a group).
    /// </summary>
    private bool SomeValueRepeats(int axis)
    {
        if (Axes.Count == 1) return false;
        var slots = new int[Grouping.Count];
        for (int s = 0; s < slots.Length; s++) slots[s] = s;
        slots.AsSpan().Sort((a, b) => ValueOf(a, axis).OrderAgainst(ValueOf(b, axis)));
        for (int i = 1; i < slots.Length; i++)
            if (ValueOf(slots[i - 1], axis).Equals(ValueOf(slots[i], axis))) return true;
        return false;
    }

    internal ParameterValue ValueOf(int slot, int axis) => _axisColumns[axis].ValueAt(Grouping.Member(slot, 0));

    internal IReadOnlyList<SweepTrial> TrialsOf(int slot) => new TrialList(Sweep.Trials, Grouping, slot);

    internal Regime RegimeOf(SweepTrial trial) => (Regime)_trialRegimes[trial.Position];

    internal Regime? GroupRegime(int slot) => _groupRegimes[slot] == NoRegime ? null : (Regime)_groupRegimes[slot];

    public static Regime Classify(SweepTrial trial, double? floor)
    {
        if (trial.Diverged) return Regime.Diverged;
        double ratio = trial.FinalToInitial;
        if (ratio >= StalledRatio) return Regime.Stalled;
        bool falling = trial.Falling;
        if (falling && (ratio > LearnedRatio || (floor is { } f && trial.FinalCost > 2 * f))) return Regime.UnderTrained;
        if (!falling && ratio > LearnedRatio) return Regime.Stuck;
        return Regime.Converged;
    }

    /// <summary>
    /// The floor: the best group's mean final cost (over its completed trials) when none of them was still falling.
    /// The best is the first in the groups' order of the lowest mean (NaN lowest, as a sort puts it).
    /// </summary>
    private double? FloorOf()
    {
        int best = -1;
        double lowest = double.NaN;
        for (int rank = 0; rank < Grouping.Count; rank++)
        {
            int slot = Grouping.SlotAt(rank);
            if (CompletedMean(slot) is { } mean && (best < 0 || mean.CompareTo(lowest) < 0)) (best, lowest) = (slot, mean);
        }
        if (best < 0) return null;
        for (int k = 0; k < Grouping.MemberCount(best); k++)
            if (Sweep.Trials[Grouping.Member(best, k)] is { Status: "completed", Falling: true }) return null;
        return lowest;
    }

    /// <summary>The mean final cost of the slot's completed trials (summed from the first, as Average over them does), or null when none.</summary>
    private double? CompletedMean(int slot)
    {
        double sum = 0;
        int count = 0;
        for (int k = 0; k < Grouping.MemberCount(slot); k++)
        {
            var trial = Sweep.Trials[Grouping.Member(slot, k)];
            if (trial.Status != "completed") continue;
            sum = count++ == 0 ? trial.FinalCost : sum + trial.FinalCost;
        }
        return count == 0 ? null : sum / count;
    }

    internal void AddCompleted(int slot, List<SweepTrial> completed)
    {
        for (int k = 0; k < Grouping.MemberCount(slot); k++)
            if (Sweep.Trials[Grouping.Member(slot, k)] is { Status: "completed" } trial) completed.Add(trial);
    }

    /// <summary>The ranking metric of a group: worked out once for groups of several trials, the other on demand (a table row).</summary>
    internal double MetricOf(int slot, bool validation) => validation == RanksByValidation && _metrics is not null ? _metrics[slot] : Mean(slot, validation);

    /// <summary>
    /// The mean over the group's completed trials of their finite final (or validation) costs, summed from 0 as
    /// Average over a list of them does; NaN when none.
    /// </summary>
    private double Mean(int slot, bool validation)
    {
        double sum = 0;
        int count = 0;
        for (int k = 0; k < Grouping.MemberCount(slot); k++)
        {
            var trial = Sweep.Trials[Grouping.Member(slot, k)];
            if (trial.Status != "completed") continue;
            double value = validation ? trial.ValidationCost : trial.FinalCost;
            if (!double.IsFinite(value)) continue;
            sum += value;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>The one regime the slot's finished trials share, <see cref="Regime.Mixed"/> when they differ, none when none finished.</summary>
    private byte RegimeOfMembers(int slot)
    {
        byte regime = NoRegime;
        for (int k = 0; k < Grouping.MemberCount(slot); k++)
        {
            byte r = _trialRegimes[Grouping.Member(slot, k)];
            if (r == NoRegime) continue;
            if (regime == NoRegime) regime = r;
            else if (regime != r) return (byte)Regime.Mixed;
        }
        return regime;
    }

    /// <summary>The groups in their order, each made when asked.</summary>
    private sealed class GroupList(SweepAnalysis analysis) : IReadOnlyList<SweepGroup>
    {
        public SweepGroup this[int rank] => (uint)rank < (uint)Count ? new(analysis, analysis.Grouping.SlotAt(rank)) : throw new ArgumentOutOfRangeException(nameof(rank));
        public int Count => analysis.Grouping.Count;

        public IEnumerator<SweepGroup> GetEnumerator()
        {
            for (int rank = 0; rank < Count; rank++) yield return this[rank];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A group's trials: its members' positions as trials.</summary>
    private sealed class TrialList(SweepTrials trials, TrialGroups grouping, int slot) : IReadOnlyList<SweepTrial>
    {
        public SweepTrial this[int index] => (uint)index < (uint)Count ? new(trials, grouping.Member(slot, index)) : throw new ArgumentOutOfRangeException(nameof(index));
        public int Count => grouping.MemberCount(slot);

        public IEnumerator<SweepTrial> GetEnumerator()
        {
            for (int k = 0; k < Count; k++) yield return this[k];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

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
            var epochs = new Extremes();
            foreach (var t in Sweep.Trials)
                if (t.Diverged && t.EpochsCompleted is { } e) epochs.Add(e);
            string after = epochs.Count > 0 ? $", stopping after {Span(epochs.Min, epochs.Max, 0)} epochs" : "";
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
        return completed.Count == 1 && Sweep.SeedsVary && completed[0].Parameter(SweepFolderData.SeedAxis) is { } seed
            ? $"{figure} {value}, seed {seed.Text}"
            : $"{figure} {value}";
    }

    /// <summary>
    /// What the trials did, in words: along a single axis, runs of neighbouring values (at most 12 lines); otherwise one
    /// line per regime with its count (and, for a single numeric axis, the range of values it covers). Groups are
    /// passed around as their ranks in <see cref="Groups"/>, in arrays: a random sweep's runs and regimes hold every trial.
    /// </summary>
    private List<string> RegimeLines()
    {
        var lines = new List<string>();
        if (Axes.Count == 0)
        {
            for (int rank = 0; rank < Groups.Count; rank++)
                if (Groups[rank].HasFinished)
                {
                    lines.Add($"{Groups[rank].Trials.Count} trials of one setting: {Phrase([rank])}");
                    break;
                }
            return lines;
        }
        if (Axes.Count == 1 && RunLines(lines)) return lines;
        // Many runs along one axis: its values were drawn at random and the regimes interleave where they meet.
        string noun = Axes.Count > 1 ? "combinations" : AllSingleTrials() ? "trials" : "settings";
        // One array for every regime's ranks in turn: they are never more than the groups.
        var ranks = new int[Groups.Count];
        foreach (var regime in Enum.GetValues<Regime>())
        {
            int count = 0;
            for (int rank = 0; rank < Groups.Count; rank++)
                if (Groups[rank] is { HasFinished: true } g && g.Regime == regime) ranks[count++] = rank;
            if (count == 0) continue;
            var span = ranks.AsSpan(0, count);
            lines.Add($"{count} of {Groups.Count} {noun}{AxisRange(span)} {Phrase(span)}");
        }
        return lines;
    }

    private bool AllSingleTrials()
    {
        if (Grouping.AreSingleTrials) return true;
        for (int slot = 0; slot < Grouping.Count; slot++)
            if (Grouping.MemberCount(slot) != 1) return false;
        return true;
    }

    /// <summary>
    /// Adds one line per run of neighbouring groups (by the first axis's value) with the same regime, when there are at
    /// most 12 runs; false (nothing added) when there are more.
    /// </summary>
    private bool RunLines(List<string> lines)
    {
        var ordered = FinishedByFirstAxis();
        var starts = new List<int>();
        for (int i = 0; i < ordered.Length; i++)
        {
            bool joins = i > 0 && Groups[ordered[i - 1]].Regime == Groups[ordered[i]].Regime && Groups[ordered[i]].Regime != Regime.Mixed;
            if (joins) continue;
            if (starts.Count == 12) return false;
            starts.Add(i);
        }
        starts.Add(ordered.Length);
        for (int r = 0; r + 1 < starts.Count; r++)
        {
            var run = ordered.AsSpan(starts[r], starts[r + 1] - starts[r]);
            lines.Add($"{Range(run, atEnd: r == starts.Count - 2 && starts.Count > 2)} {Phrase(run)}");
        }
        return true;
    }

    /// <summary>The ranks of the groups that have a regime, by the first axis's value when it is numeric (ties in their order).</summary>
    private int[] FinishedByFirstAxis()
    {
        int count = 0;
        for (int rank = 0; rank < Groups.Count; rank++) if (Groups[rank].HasFinished) count++;
        var ranks = new int[count];
        for (int rank = 0, i = 0; rank < Groups.Count; rank++) if (Groups[rank].HasFinished) ranks[i++] = rank;
        if (AxisNumbers(0) is null) return ranks;
        // Each value read when compared (a number's is at hand) rather than copied into an array of keys.
        ranks.AsSpan().Sort((a, b) => Groups[a].Value(0).Parsed!.Value.CompareTo(Groups[b].Value(0).Parsed!.Value) is var c and not 0 ? c : a.CompareTo(b));
        return ranks;
    }

    /// <summary>", learning_rate 0.01–0.3:" — the range the groups at <paramref name="ranks"/> cover on a single numeric axis; empty otherwise.</summary>
    private string AxisRange(ReadOnlySpan<int> ranks)
    {
        if (Axes.Count != 1 || AxisNumbers(0) is null) return "";
        var values = new Extremes();
        foreach (int rank in ranks) values.Add(Groups[rank].Value(0).Parsed!.Value);
        string lo = Format.Number(values.Min), hi = Format.Number(values.Max);
        return $", {ShortName(Axes[0])} {(lo == hi ? lo : $"{lo}–{hi}")}:";
    }

    private string Describe(SweepGroup group) => Axes.Count == 0
        ? "the one setting"
        : string.Join(", ", Axes.Select((a, i) => $"{ShortName(a)} {ShortValue(group.Value(i))}"));

    public static string ShortName(string path)
    {
        int dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    public static string ShortValue(string value) => Format.Parse(value) is { } v ? Format.Number(v) : value;

    public static string ShortValue(ParameterValue value) => value.Parsed is { } v ? Format.Number(v) : value.Text;

    private string Range(ReadOnlySpan<int> run, bool atEnd)
    {
        string first = ShortValue(Groups[run[0]].Value(0)), last = ShortValue(Groups[run[^1]].Value(0));
        return run.Length == 1 ? first : atEnd ? $"≥ {first}" : $"{first}–{last}";
    }

    /// <summary>What the groups at <paramref name="ranks"/> did (the first one's regime), from their completed trials' numbers.</summary>
    private string Phrase(ReadOnlySpan<int> ranks)
    {
        var finals = new Extremes();
        var ratios = new Extremes();
        int diverged = 0;
        foreach (int rank in ranks)
        {
            int slot = Grouping.SlotAt(rank);
            for (int k = 0; k < Grouping.MemberCount(slot); k++)
            {
                var trial = Sweep.Trials[Grouping.Member(slot, k)];
                if (trial.Diverged) diverged++;
                if (trial.Status != "completed") continue;
                finals.Add(trial.FinalCost);
                ratios.Add(trial.FinalToInitial);
            }
        }
        string costs = $"final cost {Span(finals.Min, finals.Max, 2)}";
        switch (Groups[ranks[0]].Regime)
        {
            case Regime.Converged: return $"converged ({costs})";
            case Regime.UnderTrained: return $"still falling at the last epoch (under-trained; {costs})";
            case Regime.Stuck: return $"stopped improving well above the best (stuck; {costs})";
            case Regime.Stalled:
                string how = ratios.Count > 0 && ratios.Min > 1.01 ? "worse than it started" : "barely moved";
                return $"stalled at {Format.Cost(MedianFinal(ranks, finals.Count))} ({how}: final/initial {Span(ratios.Min, ratios.Max, 2)})";
            case Regime.Diverged: return $"diverged ({diverged} trials)";
            default:
                var kinds = string.Join(", ", Groups[ranks[0]].TrialRegimes.GroupBy(r => r).Select(r => $"{r.Count()} {Name(r.Key)}"));
                return $"depends on the seed: {kinds} ({costs})";
        }
    }

    /// <summary>The middle (upper middle) of the completed trials' final costs, 0 when there are none.</summary>
    private double MedianFinal(ReadOnlySpan<int> ranks, int completed)
    {
        if (completed == 0) return 0;
        var finals = new double[completed];
        int i = 0;
        foreach (int rank in ranks)
        {
            int slot = Grouping.SlotAt(rank);
            for (int k = 0; k < Grouping.MemberCount(slot); k++)
                if (Sweep.Trials[Grouping.Member(slot, k)] is { Status: "completed" } trial) finals[i++] = trial.FinalCost;
        }
        Array.Sort(finals);
        return finals[completed / 2];
    }

    public static string Name(Regime regime) => regime switch
    {
        Regime.UnderTrained => "under-trained",
        _ => regime.ToString().ToLowerInvariant(),
    };

    private static string Span(double lo, double hi, int digits) =>
        Format.Number(lo, digits) == Format.Number(hi, digits) ? Format.Number(lo, digits) : $"{Format.Number(lo, digits)}–{Format.Number(hi, digits)}";
}

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

    /// <summary>Its trials' positions in index order.</summary>
    public ReadOnlySpan<int> Positions => Analysis.MembersOf(Slot);

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
            foreach (int p in Positions) if (Analysis.Sweep.Trials[p].Diverged) count++;
            return count;
        }
    }

    /// <summary>Whether costs.csv has a curve of some trial of it.</summary>
    public bool HasCurve
    {
        get
        {
            foreach (int p in Positions) if (Analysis.Sweep.Trials[p].HasCurve) return true;
            return false;
        }
    }

    /// <summary>The ranking metric: mean validation cost when the sweep has one, else mean final cost.</summary>
    public double Metric(bool validation) => Analysis.MetricOf(Slot, validation);

    /// <summary>Its trials' regime when they all share one, else (seeds disagree, or none finished) mixed.</summary>
    public Regime Regime => Analysis.GroupRegime(Slot) ?? Regime.Mixed;
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

    public SweepFolderData Sweep { get; }
    public IReadOnlyList<string> Axes { get; }

    /// <summary>Groups in the order of the first trial of each (the sweep's own order: grid order, values ascending as written).</summary>
    public IReadOnlyList<SweepGroup> Groups { get; }

    /// <summary>The ranking metric's name: validation cost when the sweep scored one, else final cost.</summary>
    public bool RanksByValidation => Sweep.HasValidation;

    /// <summary>The lowest cost the best setting settled at (not still falling), or null when it was still falling.</summary>
    public double? Floor { get; }

    // The groups as arrays: the positions of each group's trials in index order (group slot s holds
    // _members[_starts[s].._starts[s + 1]]), each group's regime (NoRegime: no trial finished; Mixed: they disagree), and
    // each trial's regime by position.
    private const byte NoRegime = byte.MaxValue;
    private readonly int[] _members;
    private readonly int[] _starts;
    private readonly byte[] _groupRegimes;
    private readonly byte[] _trialRegimes;
    private readonly ParameterColumnView[] _axisColumns;
    private readonly IReadOnlyList<ParameterValue>?[] _axisValues;
    private readonly IReadOnlyList<double>?[] _axisNumbers;
    private readonly bool[] _axisNumbersKnown;
    private readonly bool?[] _valuesRepeat;
    private readonly double[] _metrics;

    private SweepAnalysis(SweepFolderData sweep)
    {
        Sweep = sweep;
        Axes = sweep.Axes;
        _axisColumns = Axes.Select(a => new ParameterColumnView(sweep.Trials, a)).ToArray();
        (_members, _starts, var order) = GroupTrials(sweep.Trials, _axisColumns);
        Groups = order.Select(slot => new SweepGroup(this, slot)).ToList();
        _metrics = new double[order.Length];
        var finite = new List<double>();
        for (int slot = 0; slot < order.Length; slot++) _metrics[slot] = Mean(slot, RanksByValidation, finite);
        Floor = FloorOf();
        _trialRegimes = new byte[sweep.Trials.Count];
        foreach (var trial in sweep.Trials) _trialRegimes[trial.Position] = trial.Finished ? (byte)Classify(trial, Floor) : NoRegime;
        _groupRegimes = new byte[order.Length];
        for (int slot = 0; slot < order.Length; slot++) _groupRegimes[slot] = RegimeOfMembers(slot);
        _axisValues = new IReadOnlyList<ParameterValue>?[Axes.Count];
        _axisNumbers = new IReadOnlyList<double>?[Axes.Count];
        _axisNumbersKnown = new bool[Axes.Count];
        _valuesRepeat = new bool?[Axes.Count];
    }

    public static SweepAnalysis Analyse(SweepFolderData sweep) => new(sweep);

    public SweepGroup? Best => Groups.Where(g => double.IsFinite(g.Metric(RanksByValidation)))
        .OrderBy(g => g.Metric(RanksByValidation)).Select(g => (SweepGroup?)g).FirstOrDefault();

    /// <summary>Whether the axis's values are all positive numbers spanning at least a factor of 50 (plotted on a log axis).</summary>
    public bool IsLogSpaced(int axis)
    {
        var values = AxisNumbers(axis);
        return values is { Count: > 2 } && values.All(v => v > 0) && values.Max() / values.Min() >= 50;
    }

    /// <summary>The axis's distinct numeric values ascending, or null when some value is not a number.</summary>
    public IReadOnlyList<double>? AxisNumbers(int axis)
    {
        if (!_axisNumbersKnown[axis])
        {
            _axisNumbers[axis] = DistinctNumbers(axis);
            _axisNumbersKnown[axis] = true;
        }
        return _axisNumbers[axis];
    }

    private List<double>? DistinctNumbers(int axis)
    {
        var numbers = new double[Groups.Count];
        for (int i = 0; i < numbers.Length; i++)
        {
            if (Groups[i].Value(axis).Parsed is not { } number) return null;
            numbers[i] = number;
        }
        Array.Sort(numbers);
        var distinct = new List<double>();
        foreach (double number in numbers)
            if (distinct.Count == 0 || !distinct[^1].Equals(number)) distinct.Add(number);
        return distinct;
    }

    /// <summary>The axis's distinct values in the groups' order.</summary>
    public IReadOnlyList<ParameterValue> AxisValues(int axis) => _axisValues[axis] ??= Groups.Select(g => g.Value(axis)).Distinct().ToList();

    /// <summary>
    /// Whether settings share values of the axis, as a grid's do; false when every setting has a value of its own
    /// (values drawn at random), where grouping by the axis's value gives one group per trial.
    /// </summary>
    public bool ValuesRepeat(int axis) => _valuesRepeat[axis] ??= SomeValueRepeats(axis);

    private bool SomeValueRepeats(int axis)
    {
        var seen = new HashSet<ParameterValue>(Groups.Count);
        foreach (var group in Groups)
            if (!seen.Add(group.Value(axis))) return true;
        return false;
    }

    internal ParameterValue ValueOf(int slot, int axis) => _axisColumns[axis].ValueAt(_members[_starts[slot]]);

    internal IReadOnlyList<SweepTrial> TrialsOf(int slot) => new TrialList(Sweep.Trials, new ArraySegment<int>(_members, _starts[slot], _starts[slot + 1] - _starts[slot]));

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

    /// <summary>The floor: the best group's mean final cost (over its completed trials) when none of them was still falling.</summary>
    private double? FloorOf()
    {
        var completed = new List<SweepTrial>();
        var means = new double[_metrics.Length];
        for (int slot = 0; slot < means.Length; slot++)
        {
            completed.Clear();
            AddCompleted(slot, completed);
            means[slot] = completed.Count > 0 ? completed.Average(t => t.FinalCost) : double.NaN;
        }
        int best = Groups.Select(g => g.Slot).Where(s => HasCompleted(s)).OrderBy(s => means[s]).FirstOrDefault(-1);
        if (best < 0) return null;
        foreach (int p in MembersOf(best))
            if (Sweep.Trials[p] is { Status: "completed", Falling: true }) return null;
        return means[best];
    }

    internal ReadOnlySpan<int> MembersOf(int slot) => _members.AsSpan(_starts[slot], _starts[slot + 1] - _starts[slot]);

    internal void AddCompleted(int slot, List<SweepTrial> completed)
    {
        foreach (int p in MembersOf(slot))
            if (Sweep.Trials[p].Status == "completed") completed.Add(Sweep.Trials[p]);
    }

    private bool HasCompleted(int slot)
    {
        foreach (int p in MembersOf(slot))
            if (Sweep.Trials[p].Status == "completed") return true;
        return false;
    }

    /// <summary>The ranking metric of a group: worked out once for all groups, the other on demand (a table row).</summary>
    internal double MetricOf(int slot, bool validation) => validation == RanksByValidation ? _metrics[slot] : Mean(slot, validation, []);

    /// <summary>The mean over the group's completed trials of their finite final (or validation) costs; NaN when none.</summary>
    private double Mean(int slot, bool validation, List<double> finite)
    {
        finite.Clear();
        foreach (int p in MembersOf(slot))
        {
            var trial = Sweep.Trials[p];
            if (trial.Status != "completed") continue;
            double value = validation ? trial.ValidationCost : trial.FinalCost;
            if (double.IsFinite(value)) finite.Add(value);
        }
        return finite.Count == 0 ? double.NaN : finite.Average();
    }

    /// <summary>The one regime the slot's finished trials share, <see cref="Regime.Mixed"/> when they differ, none when none finished.</summary>
    private byte RegimeOfMembers(int slot)
    {
        byte regime = NoRegime;
        for (int i = _starts[slot]; i < _starts[slot + 1]; i++)
        {
            byte r = _trialRegimes[_members[i]];
            if (r == NoRegime) continue;
            if (regime == NoRegime) regime = r;
            else if (regime != r) return (byte)Regime.Mixed;
        }
        return regime;
    }

    /// <summary>
    /// Groups the trials by their axis values: each group's members (positions in index order) one group after another,
    /// where each group starts, and the groups' slots in the order of their lowest index.
    /// </summary>
    private static (int[] Members, int[] Starts, int[] Order) GroupTrials(SweepTrials trials, ParameterColumnView[] axes)
    {
        var slotOf = new Dictionary<int, int>(new SameValues(axes));
        var slots = new int[trials.Count];
        var counts = new List<int>();
        for (int p = 0; p < trials.Count; p++)
        {
            if (!slotOf.TryGetValue(p, out int slot))
            {
                slotOf[p] = slot = counts.Count;
                counts.Add(0);
            }
            slots[p] = slot;
            counts[slot]++;
        }
        var starts = new int[counts.Count + 1];
        for (int s = 0; s < counts.Count; s++) starts[s + 1] = starts[s] + counts[s];
        var members = new int[trials.Count];
        var next = starts[..^1];
        for (int p = 0; p < trials.Count; p++) members[next[slots[p]]++] = p;
        // Positions ascend within each group; ordering by index (stable: ties keep their position order) changes
        // nothing unless the indexes are not the positions.
        for (int s = 0; s < counts.Count; s++)
        {
            var segment = members.AsSpan(starts[s], counts[s]);
            if (!IsInIndexOrder(trials, segment)) segment.Sort((a, b) => trials.IndexAt(a) != trials.IndexAt(b) ? trials.IndexAt(a).CompareTo(trials.IndexAt(b)) : a.CompareTo(b));
        }
        var order = Enumerable.Range(0, counts.Count).OrderBy(s => trials.IndexAt(members[starts[s]])).ToArray();
        return (members, starts, order);
    }

    private static bool IsInIndexOrder(SweepTrials trials, ReadOnlySpan<int> positions)
    {
        for (int i = 1; i < positions.Length; i++)
            if (trials.IndexAt(positions[i]) < trials.IndexAt(positions[i - 1])) return false;
        return true;
    }

    /// <summary>Trials at equal positions of the axes' values; hashes them together.</summary>
    private sealed class SameValues(ParameterColumnView[] axes) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b)
        {
            foreach (var axis in axes)
                if (!axis.ValueAt(a).Equals(axis.ValueAt(b))) return false;
            return true;
        }

        public int GetHashCode(int position)
        {
            var hash = new HashCode();
            foreach (var axis in axes) hash.Add(axis.ValueAt(position));
            return hash.ToHashCode();
        }
    }

    /// <summary>One axis's values by trial position; a trial without the parameter has the empty text (as a page shows it).</summary>
    private sealed class ParameterColumnView(SweepTrials trials, string name)
    {
        public ParameterValue ValueAt(int position) => trials.ParameterAt(name, position) ?? ParameterValue.OfText("");
    }

    /// <summary>A group's trials: its members' positions as trials.</summary>
    private sealed class TrialList(SweepTrials trials, ArraySegment<int> positions) : IReadOnlyList<SweepTrial>
    {
        public SweepTrial this[int index] => new(trials, positions[index]);
        public int Count => positions.Count;
        public IEnumerator<SweepTrial> GetEnumerator() => positions.Select(p => new SweepTrial(trials, p)).GetEnumerator();
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
        return completed.Count == 1 && Sweep.SeedsVary && completed[0].Parameter(SweepFolderData.SeedAxis) is { } seed
            ? $"{figure} {value}, seed {seed.Text}"
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
            if (Groups.Where(g => g.HasFinished).Select(g => (SweepGroup?)g).FirstOrDefault() is { } only)
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
        string noun = Axes.Count > 1 ? "combinations" : Groups.All(g => g.Positions.Length == 1) ? "trials" : "settings";
        foreach (var regime in Groups.Where(g => g.HasFinished).GroupBy(g => g.Regime).OrderBy(g => g.Key))
            lines.Add($"{regime.Count()} of {Groups.Count} {noun}{AxisRange(regime.ToList())} {Phrase(regime.ToList())}");
        return lines;
    }

    /// <summary>", learning_rate 0.01–0.3:" — the range a regime covers on a single numeric axis; empty otherwise.</summary>
    private string AxisRange(List<SweepGroup> groups)
    {
        if (Axes.Count != 1 || AxisNumbers(0) is null) return "";
        var values = groups.Select(g => g.Value(0).Parsed!.Value).ToList();
        string lo = Format.Number(values.Min()), hi = Format.Number(values.Max());
        return $", {ShortName(Axes[0])} {(lo == hi ? lo : $"{lo}–{hi}")}:";
    }

    /// <summary>Neighbouring groups (by the first axis's value) with the same regime.</summary>
    public IReadOnlyList<List<SweepGroup>> Runs()
    {
        var ordered = AxisNumbers(0) is not null
            ? Groups.Where(g => g.HasFinished).OrderBy(g => g.Value(0).Parsed).ToList()
            : Groups.Where(g => g.HasFinished).ToList();
        var runs = new List<List<SweepGroup>>();
        foreach (var g in ordered)
            if (runs.Count > 0 && runs[^1][^1].Regime == g.Regime && g.Regime != Regime.Mixed) runs[^1].Add(g);
            else runs.Add([g]);
        return runs;
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

    private static string Range(List<SweepGroup> run, bool atEnd)
    {
        string first = ShortValue(run[0].Value(0)), last = ShortValue(run[^1].Value(0));
        return run.Count == 1 ? first : atEnd ? $"≥ {first}" : $"{first}–{last}";
    }

    private static string Phrase(List<SweepGroup> run)
    {
        var trials = new List<SweepTrial>();
        foreach (var g in run) g.Analysis.AddCompleted(g.Slot, trials);
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

using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Loads every trial: the file without its sweep block, the --set overrides, then one override per axis and, when
/// repeating, the derived seed, all through the experiment loader, so a trial is checked exactly like a file run on
/// its own. A value the experiment rejects is reported at the axis that supplied it. Each trial loads a copy of the
/// file's tree, parsed once; Ctrl+C stops the expansion between trials.
/// </summary>
internal sealed class TrialBuilder
{
    private readonly ExperimentLoader _loader;
    private readonly ErrorCollector _errors;
    private readonly Func<ExperimentSource> _freshSource;
    private readonly IReadOnlyList<ParsedOverride> _commandLine;
    private readonly NumberNodes _numbers;
    private readonly SweepSpec _spec;
    private readonly TrialDefinitions _parameters;
    private readonly int _heldExperiments;

    /// <summary>
    /// <paramref name="freshSource"/> gives a fresh copy of the tree of the file without its sweep block, for each trial
    /// to change; <paramref name="parameters"/> what each trial sets; a sweep of more than
    /// <paramref name="heldExperiments"/> trials keeps none of their experiments.
    /// </summary>
    public TrialBuilder(ExperimentLoader loader, ErrorCollector errors, Func<ExperimentSource> freshSource,
        IReadOnlyList<ParsedOverride> commandLine, SweepSpec spec, TrialDefinitions parameters, int heldExperiments)
    {
        _loader = loader;
        _errors = errors;
        _freshSource = freshSource;
        _commandLine = commandLine;
        _numbers = new NumberNodes(errors.Locations);
        _spec = spec;
        _parameters = parameters;
        _heldExperiments = heldExperiments;
        // Reloads come after loading, from the sweep's workers: without the loading's Ctrl+C (a trial cancelled while
        // it starts is the runner's to record), into the same node locations, one at a time.
        _reloadErrors = new ErrorCollector(errors.Locations) { Limits = errors.Limits };
    }

    private readonly ErrorCollector _reloadErrors;
    private readonly Lock _reloading = new();

    /// <summary>Every trial in order, or null when any is invalid (all of them are checked).</summary>
    public IReadOnlyList<SweepTrial>? Build()
    {
        int count = _parameters.Count;
        var held = count <= _heldExperiments ? new List<SweepTrial>(count) : null;
        var lean = held is null ? new LeanTrials(_parameters, _dataSets, this) : null;
        int valid = 0;
        for (int index = 0; index < count; index++)
        {
            _errors.Cancellation.ThrowIfCancellationRequested();
            if (BuildOne(index, held, lean)) valid++;
            // A sweep holds every trial's data at once: distinct data sets (repeats that re-split, an axis on the
            // data) count against a budget of their own, so memory cannot grow without bound.
            if (_dataValues > _errors.Limits.MaxSweepDataValues)
            {
                _errors.At(_spec.AxesSite, SweepBlock.PathOf(SweepBlock.Axes),
                    $"the trials' distinct data sets hold more than {_errors.Limits.MaxSweepDataValues} values after {valid} of {count} trials ({InputLimits.HowToRaise(nameof(InputLimits.MaxSweepDataValues))})");
                return null;
            }
        }
        return valid < count ? null : (IReadOnlyList<SweepTrial>?)held ?? lean;
    }

    /// <summary>
    /// Loads and checks trial <paramref name="index"/>, then adds it to <paramref name="held"/> with its experiment or
    /// records it in <paramref name="lean"/>; false when it is invalid.
    /// </summary>
    private bool BuildOne(int index, List<SweepTrial>? held, LeanTrials? lean)
    {
        // The trial's copies (its tree, its values) are located while it loads, then forgotten: errors are resolved as reported.
        using var scope = _errors.Locations.Scope();
        if (_loader.Load(_freshSource(), TrialOverrides(index), _errors, keepModel: false) is not { } experiment) return false;
        int dataSet = SharedData(experiment.Data);
        string id = SweepHash.TrialId(experiment.ResolvedYaml);
        if (held is not null)
        {
            if (_dataSets[dataSet] is var shared && !ReferenceEquals(shared, experiment.Data)) experiment = experiment.WithSharedData(shared);
            held.Add(new SweepTrial(index, id, _parameters.Label(index), _parameters.Of(index), experiment));
        }
        lean?.Set(index, id, dataSet, experiment.TogetherKey);
        return true;
    }

    /// <summary>
    /// The index of <paramref name="data"/> among the distinct data sets. Trials usually load the same data (an axis
    /// that changes none of it): the sweep keeps one copy, not one per trial, so its memory does not grow with its
    /// trials times its data.
    /// </summary>
    private int SharedData(ExperimentData data)
    {
        // The same object again (DataSectionMemo gave it to a trial that left the data alone): no need to hash it.
        if (_dataSetOf.TryGetValue(data, out int known)) return known;
        string key = DataKey(data);
        if (_sharedData.TryGetValue(key, out int shared)) return shared;
        // Only the copy kept is remembered by reference: another equal copy (an override rewrote the data) may go.
        _sharedData[key] = _dataSetOf[data] = _dataSets.Count;
        _dataSets.Add(data);
        _dataValues += data.Splits().Sum(s => (long)s.Split.Inputs.Length + s.Split.Targets.Length);
        if (data.Table is { Rows.Count: > 0 } table)
        {
            // Its own lists of the rows and their splits; the rows' text itself is shared by every trial that read
            // the same source (one parse per load): a cell weighs about four numbers, counted once.
            _dataValues += 2L * table.Rows.Count;
            if (_countedRows.Add(table.Rows[0])) _dataValues += 4L * table.Rows.Count * table.Columns.Count;
        }
        return _dataSets.Count - 1;
    }

    /// <summary>
    /// Trial <paramref name="index"/>'s experiment loaded again as it was validated, training on the data validated
    /// then (<paramref name="data"/>: a data file changed since is not read into a running sweep).
    /// </summary>
    public Experiment Reload(int index, ExperimentData data)
    {
        lock (_reloading)
        {
            using var scope = _errors.Locations.Scope();
            int before = _reloadErrors.Count;
            // The model built to check the trial is the one it trains, so the session does not build it again, when it
            // has the shared data's shape (its data file may have changed since the sweep was checked: then the
            // session builds one for the data checked then).
            if (_loader.Load(_freshSource(), TrialOverrides(index), _reloadErrors, keepModel: true) is { } experiment && _reloadErrors.Count == before)
                return experiment.WithSharedData(data, keepModel: experiment.Data.Inputs.Rows == data.Inputs.Rows);
            throw new InvalidOperationException($"trial {index} no longer loads as it did when the sweep was checked: "
                + string.Join("; ", _reloadErrors.Sorted().Skip(before)));
        }
    }

    /// <summary>
    /// Trial <paramref name="index"/>'s overrides: --set, then one per axis, then the repeat's seed. Its values are new
    /// nodes, located in the current scope.
    /// </summary>
    private List<ParsedOverride> TrialOverrides(int index)
    {
        var overrides = _commandLine.Select(o => o with { Value = YamlNodeCopy.Of(o.Value, _errors.Locations) }).ToList();
        var combinations = _parameters.Combinations;
        int combination = _parameters.Combination(index);
        for (int a = 0; a < combinations.Axes.Count; a++)
        {
            var spec = combinations.Axes[a].Spec;
            overrides.Add(new ParsedOverride(spec.PathStart, spec.Path, spec.Segments, combinations.Node(combination, a), combinations.Text(combination, a)));
        }
        if (_parameters.Repeat(index) is var (_, seed)) overrides.Add(SeedOverride(seed, _spec.RepeatsSite));
        return overrides;
    }

    /// <summary>A repeat's seed, set like a --set seed=… written at the sweep's <c>repeats</c> key.</summary>
    private ParsedOverride SeedOverride(uint seed, YamlNode site) =>
        new(_errors.Locations.Of(site), SweepBlock.SeedParameter, [new OverrideSegment(SweepBlock.SeedParameter, 0, 1)],
            _numbers.Integer(seed, site), NumberNodes.IntegerText(seed));

    private readonly Dictionary<string, int> _sharedData = new(StringComparer.Ordinal);
    private readonly List<ExperimentData> _dataSets = [];
    private readonly Dictionary<ExperimentData, int> _dataSetOf = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string[]> _countedRows = new(ReferenceEqualityComparer.Instance);
    private long _dataValues;

    /// <summary>A digest of everything the data hold: the matrices of every split, names, labels, normalisation, raw rows.</summary>
    private static string DataKey(ExperimentData data)
    {
        // NnLab's own SHA-256 for small data: the platform's would load the system's cryptography library (~5 MB resident).
        long matrixBytes = new[] { data.Validation, data.Test }.Sum(s => s is null ? 0L : 8L * (s.Inputs.Data.Length + s.Targets.Data.Length));
        using var hash = NnLab.Hashing.Sha256.Create(matrixBytes);
        void Text(string text) => hash.Append(System.Text.Encoding.UTF8.GetBytes(text + "\u0001"));
        void Matrix(Matrix<double> m)
        {
            Text($"{m.Rows}x{m.Cols}");
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(m.Data.AsSpan()));
        }
        Text(SweepHash.Data(data));
        Text(data.Sha256);
        foreach (var split in new[] { data.Validation, data.Test })
        {
            Text(split is null ? "none" : "split");
            if (split is not null)
            {
                Matrix(split.Inputs);
                Matrix(split.Targets);
            }
        }
        Text(data.ClassLabels is null ? "-" : string.Join('\u0002', data.ClassLabels));
        if (data.Normalization is { } n)
        {
            Text($"{n.Method}:{string.Join('\u0002', n.Columns)}");
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(n.Offset.AsSpan()));
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(n.Scale.AsSpan()));
        }
        Text(data.Table is null ? "no table" : "table");
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

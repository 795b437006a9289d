using System.Globalization;
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

    /// <summary>
    /// <paramref name="freshSource"/> gives a fresh copy of the tree of the file without its sweep block, for each trial
    /// to change; a sweep of more than <paramref name="heldExperiments"/> trials keeps none of their experiments.
    /// </summary>
    public TrialBuilder(ExperimentLoader loader, ErrorCollector errors, Func<ExperimentSource> freshSource,
        IReadOnlyList<ParsedOverride> commandLine, int heldExperiments)
    {
        _loader = loader;
        _errors = errors;
        _freshSource = freshSource;
        _commandLine = commandLine;
        _numbers = new NumberNodes(errors.Locations);
        _heldExperiments = heldExperiments;
        // Reloads come after loading, from the sweep's workers: without the loading's Ctrl+C (a trial cancelled while
        // it starts is the runner's to record), into the same node locations, one at a time.
        _reloadErrors = new ErrorCollector(errors.Locations) { Limits = errors.Limits };
    }

    private readonly int _heldExperiments;
    private readonly ErrorCollector _reloadErrors;
    private readonly Lock _reloading = new();
    private readonly Dictionary<string, string> _togetherKeys = new(StringComparer.Ordinal);

    /// <summary>Every trial in order, or null when any is invalid (all of them are checked).</summary>
    public List<SweepTrial>? Build(SweepSpec spec, IReadOnlyList<Axis> axes, IReadOnlyList<YamlNode[]> combinations, uint baseSeed)
    {
        int repeats = spec.Settings.Repeats;
        int count = combinations.Count * repeats;
        var names = TrialLabels.ShortNames(spec.Axes);
        var trials = new List<SweepTrial>(count);
        bool allValid = true;
        bool hold = count <= _heldExperiments;
        for (int c = 0; c < combinations.Count; c++)
        {
            for (int r = 0; r < repeats; r++)
            {
                _errors.Cancellation.ThrowIfCancellationRequested();
                var trial = BuildOne(c * repeats + r, count, axes, names, combinations[c], Repeat(spec, r, baseSeed), hold);
                if (trial is null) allValid = false;
                else trials.Add(trial);
                // A sweep holds every trial's data at once: distinct data sets (repeats that re-split, an axis on the
                // data) count against a budget of their own, so memory cannot grow without bound.
                if (_dataValues > _errors.Limits.MaxSweepDataValues)
                {
                    _errors.At(spec.AxesSite, SweepBlock.PathOf(SweepBlock.Axes),
                        $"the trials' distinct data sets hold more than {_errors.Limits.MaxSweepDataValues} values after {trials.Count} of {count} trials ({InputLimits.HowToRaise(nameof(InputLimits.MaxSweepDataValues))})");
                    return null;
                }
            }
        }
        return allValid ? trials : null;
    }

    /// <summary>Repeat r's number and seed, or null when the sweep does not repeat (the file's seed stands).</summary>
    private static (int Number, uint Seed, YamlNode Site)? Repeat(SweepSpec spec, int r, uint baseSeed) =>
        spec.Settings.Repeats == 1 ? null : (r, RepeatSeeds.For(baseSeed, r), spec.RepeatsSite);

    private SweepTrial? BuildOne(int index, int count, IReadOnlyList<Axis> axes, IReadOnlyList<string> names,
        YamlNode[] values, (int Number, uint Seed, YamlNode Site)? repeat, bool hold)
    {
        // The trial's copies (its tree, its values) are located while it loads, then forgotten: errors are resolved as reported.
        using var scope = _errors.Locations.Scope();
        var (overrides, parameters, labelParts) = TrialOverrides(axes, names, values, repeat);
        if (_loader.Load(_freshSource(), overrides, _errors, keepModel: false) is not { } experiment) return null;
        // Trials usually load the same data (an axis that changes none of it): keep one copy, not one per trial, so a
        // sweep's memory does not grow with its trials times its data.
        string key = DataKey(experiment.Data);
        if (_sharedData.TryGetValue(key, out var shared)) experiment = experiment.WithSharedData(shared);
        else
        {
            _sharedData[key] = experiment.Data;
            _dataValues += experiment.Data.Splits().Sum(s => (long)s.Split.Inputs.Length + s.Split.Targets.Length);
            if (experiment.Data.Table is { Rows.Count: > 0 } table)
            {
                // Its own lists of the rows and their splits; the rows' text itself is shared by every trial that read
                // the same source (one parse per load): a cell weighs about four numbers, counted once.
                _dataValues += 2L * table.Rows.Count;
                if (_countedRows.Add(table.Rows[0])) _dataValues += 4L * table.Rows.Count * table.Columns.Count;
            }
        }
        string id = SweepHash.TrialId(experiment.ResolvedYaml), label = TrialLabels.Label(index, count, labelParts);
        if (hold) return new SweepTrial(index, id, label, parameters, experiment);
        var data = experiment.Data;
        // One string for the trials that share a key, not one per trial.
        string? together = experiment.TogetherKey is { } k ? _togetherKeys.TryAdd(k, k) ? k : _togetherKeys[k] : null;
        return new SweepTrial(index, id, label, parameters, data, together, () => Reload(index, axes, names, values, repeat, data));
    }

    /// <summary>
    /// Trial <paramref name="index"/>'s experiment loaded again as it was validated, training on the data validated
    /// then (<paramref name="data"/>: a data file changed since is not read into a running sweep).
    /// </summary>
    private Experiment Reload(int index, IReadOnlyList<Axis> axes, IReadOnlyList<string> names, YamlNode[] values,
        (int Number, uint Seed, YamlNode Site)? repeat, ExperimentData data)
    {
        lock (_reloading)
        {
            using var scope = _errors.Locations.Scope();
            int before = _reloadErrors.Count;
            var (overrides, _, _) = TrialOverrides(axes, names, values, repeat);
            if (_loader.Load(_freshSource(), overrides, _reloadErrors, keepModel: false) is { } experiment && _reloadErrors.Count == before)
                return experiment.WithSharedData(data);
            throw new InvalidOperationException($"trial {index} no longer loads as it did when the sweep was checked: "
                + string.Join("; ", _reloadErrors.Sorted().Skip(before)));
        }
    }

    /// <summary>The trial's overrides (--set, then one per axis, then the repeat's seed), parameters and label parts.</summary>
    private (List<ParsedOverride>, List<SweepParameter>, List<(string, string)>) TrialOverrides(IReadOnlyList<Axis> axes,
        IReadOnlyList<string> names, YamlNode[] values, (int Number, uint Seed, YamlNode Site)? repeat)
    {
        var overrides = _commandLine.Select(o => o with { Value = Copy(o.Value) }).ToList();
        var parameters = new List<SweepParameter>();
        var labelParts = new List<(string, string)>();
        for (int a = 0; a < axes.Count; a++)
        {
            var spec = axes[a].Spec;
            string text = YamlFlowText.Of(values[a]);
            overrides.Add(new ParsedOverride(spec.PathStart, spec.Path, spec.Segments, Copy(values[a]), text));
            parameters.Add(new SweepParameter(spec.CanonicalPath, text));
            labelParts.Add((names[a], text));
        }
        if (repeat is var (number, seed, site))
        {
            overrides.Add(SeedOverride(seed, site));
            parameters.Add(new SweepParameter(SweepBlock.RepeatParameter, Text(number)));
            parameters.Add(new SweepParameter(SweepBlock.SeedParameter, Text(seed)));
            labelParts.Add((SweepBlock.RepeatParameter, Text(number)));
        }
        return (overrides, parameters, labelParts);
    }

    /// <summary>A repeat's seed, set like a --set seed=… written at the sweep's <c>repeats</c> key.</summary>
    private ParsedOverride SeedOverride(uint seed, YamlNode site) =>
        new(_errors.Locations.Of(site), SweepBlock.SeedParameter, [new OverrideSegment(SweepBlock.SeedParameter, 0, 1)],
            _numbers.Integer(seed, site), Text(seed));

    private readonly Dictionary<string, ExperimentData> _sharedData = new(StringComparer.Ordinal);
    private readonly HashSet<string[]> _countedRows = new(ReferenceEqualityComparer.Instance);
    private long _dataValues;

    /// <summary>A digest of everything the data hold: the matrices of every split, names, labels, normalisation, raw rows.</summary>
    private static string DataKey(ExperimentData data)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Text(string text) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\u0001"));
        void Matrix(Matrix<double> m)
        {
            Text($"{m.Rows}x{m.Cols}");
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(m.Data.AsSpan()));
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
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(n.Offset.AsSpan()));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(n.Scale.AsSpan()));
        }
        Text(data.Table is null ? "no table" : "table");
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private YamlNode Copy(YamlNode node) => YamlNodeCopy.Of(node, _errors.Locations);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

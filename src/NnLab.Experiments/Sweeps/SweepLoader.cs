using System.Runtime.CompilerServices;
using NnLab.Experiments.Loading;
using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Turns a file with a <c>sweep:</c> block into a <see cref="Sweep"/> whose every trial is a validated experiment,
/// or into every error: the block's own, the base experiment's (the file without the block must be valid on its
/// own), and each trial's, located at the axis that set the offending value. Like the experiment loader it never
/// throws for bad input, and the same file always expands to the same trials in the same order.
/// </summary>
public sealed class SweepLoader
{
    /// <summary>A sweep larger than this is almost certainly a mistake (a grid of big ranges).</summary>
    public const int MaxTrials = 1_000_000;

    /// <summary>
    /// A sweep of at most this many trials holds every trial's loaded experiment (about 3.4 KB each for XOR); a larger
    /// one keeps 16 bytes a trial, plus 8 per random axis (<see cref="LeanTrials"/>), makes each trial when asked for
    /// and loads its experiment again when it runs (about 0.1 ms of CPU for XOR, done by the worker that runs it), so
    /// memory stays small however many trials there are. 0 holds none. Measured on a 10,000-trial XOR sweep: 191 MB and
    /// 10.0 s of CPU holding none, 221 MB and 9.1-9.9 s holding all (when holding none still kept 0.4 KB a trial).
    /// </summary>
    public int HeldExperiments { get; init; } = DefaultHeldExperiments;

    public const int DefaultHeldExperiments = 1_000;

    private readonly ExperimentLoader _experiments;

    public SweepLoader(ComponentRegistry registry, InputLimits? limits = null, CancellationToken cancellation = default) =>
        _experiments = new ExperimentLoader(registry) { Limits = limits ?? InputLimits.Default, Cancellation = cancellation };

    /// <summary>Loads <paramref name="path"/>; <paramref name="overrides"/> (<c>--set</c>) apply to every trial, before the axes.</summary>
    public SweepLoadResult LoadFile(string path, IReadOnlyList<string>? overrides = null)
    {
        if (!ExperimentLoader.TryReadFile(path, _experiments.Limits, _experiments.Cancellation, out string text, out var error)) return SweepLoadResult.Failure([error!]);
        return LoadText(text, path, Path.GetDirectoryName(path) ?? "", overrides);
    }

    public SweepLoadResult LoadText(string yaml, string sourceFile, string baseDirectory, IReadOnlyList<string>? overrides = null)
    {
        var errors = _experiments.NewCollector(sourceFile);
        var commandLine = new OverrideParser(errors).Parse(overrides ?? []);
        var root = DocumentReader.Read(yaml, errors);
        if (root is null) return Fail(errors);

        var spec = Detach(root, errors) is { } block ? new SweepBlockReader(errors).Read(block) : null;
        if (spec is not null) CheckOverridesAgainstAxes(commandLine, spec.Axes, errors);
        var source = new ExperimentSource(root, sourceFile, yaml, baseDirectory);
        var copies = commandLine.Select(o => o with { Value = YamlNodeCopy.Of(o.Value, errors.Locations) }).ToList();
        var baseExperiment = _experiments.Load(source, copies, errors, keepModel: false);
        if (spec is null || baseExperiment is null || errors.HasErrors) return Fail(errors);

        // Each trial changes its own tree: the file parsed once (without its block), copied where changed, so expanding is linear
        // in the number of trials, not in trials × the file's length (a long axis lengthens the file).
        var pristine = DocumentReader.Read(yaml, errors)!;
        Detach(pristine, errors);
        // A trial's tree is the file's own but for its root and what its overrides change, which they copy first
        // (OverrideApplier): the rest is shared, read by one trial at a time (TrialBuilder), never changed.
        bool IsShared(YamlNode node) => !errors.Locations.IsScoped(node);
        var dataMemo = new DataSectionMemo(IsShared);
        ExperimentSource Fresh()
        {
            var root = new YamlMappingNode(pristine.Children) { Style = pristine.Style };
            errors.Locations.Register(root, errors.Locations.Of(pristine));
            return new(root, sourceFile, yaml, baseDirectory) { IsShared = IsShared, DataMemo = dataMemo };
        }
        long baseNodes = YamlParsing.ExpandedCount(pristine) + commandLine.Sum(o => YamlParsing.ExpandedCount(o.Value));
        if (Expand(spec, baseExperiment, errors, baseNodes) is not { } parameters) return Fail(errors);
        var trials = new TrialBuilder(_experiments, errors, Fresh, commandLine, spec, parameters, HeldExperiments).Build();
        if (trials is null || errors.HasErrors) return Fail(errors);
        if (RankBy(spec, trials, errors) is not { } rankBy) return Fail(errors);
        return SweepLoadResult.Success(Create(spec with { Settings = spec.Settings with { RankBy = rankBy } }, baseExperiment, trials, yaml, sourceFile));
    }

    /// <summary>
    /// A --set on a key an axis also sets (or inside a key an axis replaces whole) would be overwritten in every
    /// trial: silently ignored. It is an error at the --set, naming the axis and where it is.
    /// </summary>
    private static void CheckOverridesAgainstAxes(IReadOnlyList<ParsedOverride> overrides, IReadOnlyList<AxisSpec> axes, ErrorCollector errors)
    {
        foreach (var o in overrides)
        {
            foreach (var axis in axes)
            {
                if (axis.Segments.Count > o.Segments.Count || !axis.Segments.Select(Step).SequenceEqual(o.Segments.Take(axis.Segments.Count).Select(Step)))
                    continue;
                var at = axis.PathStart;
                string where = $"{at.File}:{at.Line}:{at.Column}";
                string problem = axis.Segments.Count == o.Segments.Count
                    ? $"is also a sweep axis ({where})"
                    : $"is inside '{axis.CanonicalPath}', a sweep axis ({where}) that replaces it whole in every trial";
                errors.At(o.PathStart, o.Path, $"{problem}; change the axis's values or drop the --set");
                break;
            }
        }
    }

    private static (string? Key, int Index) Step(OverrideSegment segment) => (segment.Key, segment.Key is null ? segment.Index : 0);

    /// <summary>
    /// rank_by as written, checked against the trials (a validation metric needs every trial to have a validation
    /// split); else the default, decided from the first trial: validation cost with a validation split, else final cost.
    /// </summary>
    private static SweepRankBy? RankBy(SweepSpec spec, IReadOnlyList<SweepTrial> trials, ErrorCollector errors)
    {
        if (spec.RankBy is not var (rankBy, site))
            return trials[0].Data.Validation is null ? SweepRankBy.FinalCost : SweepRankBy.ValidationCost;
        if (!rankBy.NeedsValidation() || trials.FirstOrDefault(t => t.Data.Validation is null) is not { } without) return rankBy;
        string which = without.Index == 0 ? "the experiment has none" : $"trial {without.Index} ({without.Label}) has none";
        errors.At(site, SweepBlock.PathOf(SweepBlock.RankBy),
            $"'{rankBy.Key()}' needs a validation split and {which}; add one (data.split with a validation fraction, or data.validation) "
            + "or rank by final_cost or accuracy");
        return null;
    }

    /// <summary>What each trial of the sweep sets, or null when the axes are invalid or expand beyond the limits.</summary>
    private static TrialDefinitions? Expand(SweepSpec spec, Experiment baseExperiment, ErrorCollector errors, long baseNodes)
    {
        if (new AxisBuilder(errors).Build(spec.Axes, baseExperiment) is not { } axes) return null;
        var settings = spec.Settings;
        long count = TrialCombinations.CountOf(settings.Mode, axes, settings.Samples) * settings.Repeats;
        if (count > MaxTrials)
        {
            errors.At(spec.AxesSite, SweepBlock.PathOf(SweepBlock.Axes),
                $"expands to {count} trials (repeats included); a sweep runs at most {MaxTrials}: use fewer values or sample them with 'mode: random'");
            return null;
        }
        // Every trial copies the file's tree and its values: bound the total before building any.
        long perTrial = baseNodes + axes.Sum(a => a.Values.Count == 0 ? 0 : a.Values.Max(YamlParsing.ExpandedCount));
        if (perTrial > 0 && count > errors.Limits.MaxSweepNodes / perTrial)
        {
            errors.At(spec.AxesSite, SweepBlock.PathOf(SweepBlock.Axes),
                $"expands to {count} trials of up to {perTrial} YAML nodes each, more than the {errors.Limits.MaxSweepNodes} a sweep may build ({InputLimits.HowToRaise(nameof(InputLimits.MaxSweepNodes))})");
            return null;
        }
        var combinations = TrialCombinations.Build(settings.Mode, axes, settings.Samples, settings.SamplerSeed);
        return new TrialDefinitions(combinations, spec.Axes, settings.Repeats, baseExperiment.Seed);
    }

    /// <summary>Removes the sweep block from the tree, returning it; reports a file without one.</summary>
    private static YamlNode? Detach(YamlMappingNode root, ErrorCollector errors)
    {
        if (MappingKeys.FindEntry(root, SweepBlock.Key) is not { } entry)
        {
            errors.At(root, SweepBlock.Key, "missing the 'sweep' block: this file is a single experiment; run it with 'nnlab run FILE'");
            return null;
        }
        root.Children.Remove(entry.Key);
        return entry.Value;
    }

    private static Sweep Create(SweepSpec spec, Experiment baseExperiment, IReadOnlyList<SweepTrial> trials, string yaml, string sourceFile) => new()
    {
        Name = baseExperiment.Name,
        SourceFile = sourceFile,
        SourceText = yaml,
        Settings = spec.Settings,
        ParameterNames = trials[0].Parameters.Select(p => p.Name).ToList(),
        Trials = trials,
        DefinitionHash = SweepHash.Definition(trials.Select(t => (t.Index, t.Label, t.Id, DataDigest(t.Data))), trials.Count),
        Overrides = baseExperiment.Overrides,
    };

    // Trials usually share one loaded data set: hash each distinct one once.
    private static readonly ConditionalWeakTable<ExperimentData, string> DataDigests = new();

    private static string DataDigest(ExperimentData data) => DataDigests.GetValue(data, SweepHash.Data);

    private static SweepLoadResult Fail(ErrorCollector errors) => SweepLoadResult.Failure(errors.Sorted());
}

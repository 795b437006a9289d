using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Reads the <c>sweep:</c> block: its settings and axes, checked on their own (the axis paths and values are
/// checked against the experiment later, when each trial is loaded). Reports everything it finds.
/// </summary>
internal sealed class SweepBlockReader
{
    private const int MaxParallel = 1024;
    private const int MaxRepeats = SweepLoader.MaxTrials;

    private readonly ErrorCollector _errors;
    private readonly NumberReader _numbers;
    private readonly AxisReader _axes;
    private readonly OverrideParser _paths;

    public SweepBlockReader(ErrorCollector errors)
    {
        _errors = errors;
        _numbers = new NumberReader(errors);
        _axes = new AxisReader(errors);
        _paths = new OverrideParser(errors);
    }

    public SweepSpec? Read(YamlNode node)
    {
        if (node is not YamlMappingNode block)
        {
            _errors.At(node, SweepBlock.Key, $"expected a mapping with at least 'axes', got {ScalarText.Describe(node)}");
            return null;
        }
        int errorsBefore = _errors.Count;
        MappingKeys.CheckKnown(block, SweepBlock.Key, SweepBlock.Keys, _errors, where: "the sweep block");
        var mode = ReadChoice(block, SweepBlock.Mode, SweepMode.Grid);
        int? parallel = ReadCount(block, SweepBlock.Parallel, MaxParallel);
        var onError = ReadChoice(block, SweepBlock.OnError, SweepErrorPolicy.Continue);
        int repeats = ReadCount(block, SweepBlock.Repeats, MaxRepeats) ?? 1;
        var (samples, samplerSeed) = ReadSampling(block, mode);
        var rankBy = ReadRankBy(block);
        var trialFiles = ReadChoice(block, SweepBlock.TrialFiles, SweepTrialFiles.Lean);
        var together = ReadChoice(block, SweepBlock.Together, SweepTogether.Auto);
        var axes = ReadAxes(block, mode, repeats);
        var launcher = MappingKeys.Find(block, SweepBlock.Launcher) is { } launcherNode
            ? new SweepLauncherReader(_errors).Read(launcherNode) : SweepLauncher.Local;
        if (_errors.Count != errorsBefore || axes is null || launcher is null) return null;
        var settings = new SweepSettings(mode, parallel, onError, repeats, samples, samplerSeed) { TrialFiles = trialFiles, Together = together, Launcher = launcher };
        return new SweepSpec(settings, axes, MappingKeys.Find(block, SweepBlock.Axes)!, MappingKeys.Find(block, SweepBlock.Repeats) ?? block, rankBy);
    }

    // Whether the named metric exists (a validation split) is checked once the trials are loaded.
    private (SweepRankBy, YamlNode)? ReadRankBy(YamlMappingNode block) =>
        MappingKeys.Find(block, SweepBlock.RankBy) is { } node ? (ReadChoice(block, SweepBlock.RankBy, SweepRankBy.FinalCost), node) : null;

    private T ReadChoice<T>(YamlMappingNode block, string key, T fallback) where T : struct, Enum
    {
        if (MappingKeys.Find(block, key) is not { } node) return fallback;
        var names = Enum.GetNames<T>().ToDictionary(SnakeCase.From, Enum.Parse<T>);
        if (node is YamlScalarNode { Value: { } text } && names.TryGetValue(text, out var value)) return value;
        string message = $"expected one of {string.Join(", ", names.Keys)}, got {ScalarText.Describe(node)}";
        if (node is YamlScalarNode { Value: { } written }) message += Suggest.Hint(written, names.Keys).TrimEnd('.');
        _errors.At(node, SweepBlock.PathOf(key), message);
        return fallback;
    }

    private int? ReadCount(YamlMappingNode block, string key, int max) =>
        MappingKeys.Find(block, key) is { } node ? (int?)_numbers.ReadInteger(node, SweepBlock.PathOf(key), 1, max) : null;

    // samples and sampler_seed only mean something when values are drawn; elsewhere they would be silently ignored.
    private (int?, uint?) ReadSampling(YamlMappingNode block, SweepMode mode)
    {
        var samplesNode = MappingKeys.Find(block, SweepBlock.Samples);
        var seedNode = MappingKeys.Find(block, SweepBlock.SamplerSeed);
        if (mode != SweepMode.Random)
        {
            foreach (var (key, node) in new[] { (SweepBlock.Samples, samplesNode), (SweepBlock.SamplerSeed, seedNode) })
                if (node is not null) _errors.At(node, SweepBlock.PathOf(key), $"is only used by 'mode: random' (this sweep's mode is {SnakeCase.From(mode.ToString())})");
            return (null, null);
        }
        if (samplesNode is null)
            _errors.At(block, SweepBlock.PathOf(SweepBlock.Samples), "missing required key 'samples': random mode draws this many trials");
        int? samples = samplesNode is null ? null : (int?)_numbers.ReadInteger(samplesNode, SweepBlock.PathOf(SweepBlock.Samples), 1, SweepLoader.MaxTrials);
        uint samplerSeed = seedNode is null ? 0 : (uint?)_numbers.ReadInteger(seedNode, SweepBlock.PathOf(SweepBlock.SamplerSeed), 0, uint.MaxValue) ?? 0;
        return (samples, samplerSeed);
    }

    private List<AxisSpec>? ReadAxes(YamlMappingNode block, SweepMode mode, int repeats)
    {
        string path = SweepBlock.PathOf(SweepBlock.Axes);
        var node = MappingKeys.Find(block, SweepBlock.Axes);
        if (node is not YamlMappingNode { Children.Count: > 0 } mapping)
        {
            string problem = node is null ? "missing required key 'axes': the keys to vary and their values"
                : node is YamlMappingNode ? "has no axes; give at least one, e.g. optimizer.learning_rate: [0.1, 1, 10]"
                : $"expected a mapping of key paths to values, got {ScalarText.Describe(node)}";
            _errors.At(node ?? block, path, problem);
            return null;
        }
        var axes = new List<AxisSpec>();
        foreach (var (key, value) in mapping.Children)
            if (ReadAxis(key, value, mode) is { } axis) axes.Add(axis);
        if (axes.Count != mapping.Children.Count) return null;
        CheckDistinct(axes);
        CheckRepeatsAndSeed(axes, repeats, block);
        if (mode == SweepMode.Zip) CheckZipLengths(axes, mapping);
        return axes;
    }

    private AxisSpec? ReadAxis(YamlNode key, YamlNode value, SweepMode mode)
    {
        string parent = SweepBlock.PathOf(SweepBlock.Axes);
        if (MappingKeys.Name(key, parent, _errors) is not { } text) return null;
        var start = _errors.Locations.Of(key);
        var segments = _paths.ParsePath(text, start, text);
        var values = _axes.Read(value, YamlPath.Key(parent, text), mode);
        return segments is null || values is null ? null : new AxisSpec(text, key, start, segments, values);
    }

    private void CheckDistinct(List<AxisSpec> axes)
    {
        foreach (var group in axes.GroupBy(a => a.CanonicalPath).Where(g => g.Count() > 1))
            foreach (var repeated in group.Skip(1))
                _errors.At(repeated.KeyNode, repeated.Path, $"this key is already swept by the axis at line {group.First().PathStart.Line}; give each key one axis");
    }

    private void CheckRepeatsAndSeed(List<AxisSpec> axes, int repeats, YamlMappingNode block)
    {
        if (repeats == 1 || axes.FirstOrDefault(a => a.CanonicalPath == SweepBlock.SeedParameter) is not { } seedAxis) return;
        _errors.At(MappingKeys.Find(block, SweepBlock.Repeats)!, SweepBlock.PathOf(SweepBlock.Repeats),
            $"repeats derive each trial's seed from 'seed' (seed + {RepeatSeeds.Step}·r), so they cannot be combined with the 'seed' axis at line {seedAxis.PathStart.Line}; use one or the other");
    }

    private void CheckZipLengths(List<AxisSpec> axes, YamlMappingNode mapping)
    {
        if (axes.Select(a => a.Values.Count).Distinct().Count() <= 1) return;
        string lengths = string.Join(", ", axes.Select(a => $"{a.Path}: {a.Values.Count}"));
        _errors.At(mapping, SweepBlock.PathOf(SweepBlock.Axes),
            $"zip pairs the axes' values one by one, so every axis needs the same number of values; got {lengths}");
    }
}

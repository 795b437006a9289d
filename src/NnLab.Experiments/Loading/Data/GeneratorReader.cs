using System.ComponentModel.DataAnnotations;
using NnLab.Experiments.Data;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>The options a generator takes, written beside <c>generate:</c> in the data mapping.</summary>
internal sealed class GeneratorOptions
{
    [Range(1, 10_000_000)]
    public int Samples { get; set; } = 100;

    /// <summary>scikit-learn's: the standard deviation of Gaussian noise added to each coordinate; the Playground's: its noise fraction.</summary>
    [Range(0, double.MaxValue)]
    public double Noise { get; set; }

    /// <summary>The generator's own numpy seed; absent: the experiment's <c>seed</c>.</summary>
    [Range(0, uint.MaxValue)]
    public long Seed { get; set; }

    /// <summary>circles: the inner circle's radius relative to the outer one.</summary>
    [Range(0, 1)]
    public double Factor { get; set; } = 0.8;

    /// <summary>blobs: how many clusters (classes).</summary>
    [Range(1, 1000)]
    public int Centers { get; set; } = 3;

    /// <summary>blobs: each cluster's standard deviation.</summary>
    [Range(0, double.MaxValue)]
    public double ClusterStd { get; set; } = 1.0;

    /// <summary>blobs: how many input columns (x1..xn).</summary>
    [Range(1, 10_000)]
    public int NFeatures { get; set; } = 2;
}

/// <summary>
/// Reads <c>generate: NAME</c> and its options and runs the generator: scikit-learn's <c>moons</c>, <c>circles</c> and
/// <c>blobs</c> (value for value as <c>make_*</c> with <c>random_state=seed</c>), or the TensorFlow Playground's
/// <c>xor</c>, <c>spiral</c>, <c>gaussian</c> and <c>circle</c>. Columns: x1..xn, then the class y.
/// </summary>
internal sealed class GeneratorReader
{
    private static readonly string[] Common = ["samples", "seed"];

    /// <summary>Each generator and the options it takes besides samples and seed.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Generators = new Dictionary<string, string[]>
    {
        ["moons"] = ["noise"],
        ["circles"] = ["noise", "factor"],
        ["blobs"] = ["centers", "cluster_std", "n_features"],
        ["xor"] = ["noise"],
        ["spiral"] = ["noise"],
        ["gaussian"] = ["noise"],
        ["circle"] = ["noise"],
    };

    /// <summary>Every generator option key, for the data mapping's list of known keys.</summary>
    public static readonly IReadOnlyList<string> OptionKeys = [.. Common, "noise", "factor", "centers", "cluster_std", "n_features"];

    private readonly ErrorCollector _errors;
    private readonly ExperimentSeed _experimentSeed;
    private readonly OptionsBinder _binder;

    public GeneratorReader(ErrorCollector errors, OptionsBinder binder, ExperimentSeed experimentSeed)
    {
        _errors = errors;
        _experimentSeed = experimentSeed;
        _binder = binder;
    }

    public (SourceTable Table, IReadOnlyList<string> Resolved)? Read(YamlMappingNode data, string path)
    {
        var nameNode = MappingKeys.Find(data, DataSources.Generate)!;
        string keyPath = YamlPath.Key(path, DataSources.Generate);
        string? name = (nameNode as YamlScalarNode)?.Value;
        if (name is null || ScalarText.IsNull(nameNode) || !Generators.TryGetValue(name, out var own))
        {
            string got = name is null || ScalarText.IsNull(nameNode)
                ? $"expected a generator name, got {ScalarText.Describe(nameNode)}."
                : $"unknown generator '{name}'{Suggest.Hint(name, Generators.Keys)}";
            _errors.At(nameNode, keyPath, $"{got} Generators: {string.Join(", ", Generators.Keys)}.");
            return null;
        }
        var entries = data.Children.Where(e => e.Key is YamlScalarNode { Value: { } k } && OptionKeys.Contains(k)).ToList();
        int errorsBefore = _errors.Count;
        foreach (var (key, _) in entries.Where(e => !Common.Contains(((YamlScalarNode)e.Key).Value) && !own.Contains(((YamlScalarNode)e.Key).Value)))
            _errors.At(key, YamlPath.Key(path, ((YamlScalarNode)key).Value!),
                $"'{((YamlScalarNode)key).Value}' does not apply to the {name} generator; it takes {string.Join(", ", Common.Concat(own))}");
        if (!_binder.TryBind(typeof(GeneratorOptions), entries, data, path, BindingSubject.Section(path), out object? bound)
            || _errors.Count != errorsBefore) return null;
        var options = (GeneratorOptions)bound!;
        if (!entries.Any(e => ((YamlScalarNode)e.Key).Value == "seed")) options.Seed = _experimentSeed.Value;
        long values = (long)options.Samples * ((name == "blobs" ? options.NFeatures : 2) + 1);
        if (values > _errors.Limits.MaxParameters)
        {
            _errors.At(nameNode, keyPath, $"the {name} generator would make {values} values ({options.Samples} samples); one data matrix holds at most {_errors.Limits.MaxParameters} ({InputLimits.HowToRaise(nameof(InputLimits.MaxParameters))})");
            return null;
        }

        var points = Generate(name, options);
        int features = points.Rows[0].Length;
        var inputNames = DataMatrices.DefaultInputNames(features);
        var table = SourceTable.FromNumbers($"the {name} generator", data, inputNames, ["y"], points.Rows,
            points.Labels.Select(l => new double[] { l }).ToList());
        return (table, Resolved(name, own, options));
    }

    private static LabeledPoints Generate(string name, GeneratorOptions o)
    {
        uint seed = (uint)o.Seed;
        return name switch
        {
            "moons" => SklearnGenerators.MakeMoons(o.Samples, o.Noise, seed),
            "circles" => SklearnGenerators.MakeCircles(o.Samples, o.Noise, o.Factor, seed),
            "blobs" => SklearnGenerators.MakeBlobs(o.Samples, o.Centers, o.NFeatures, o.ClusterStd, seed),
            "xor" => PlaygroundGenerators.Xor(o.Samples, o.Noise, seed),
            "spiral" => PlaygroundGenerators.Spiral(o.Samples, o.Noise, seed),
            "gaussian" => PlaygroundGenerators.Gaussian(o.Samples, o.Noise, seed),
            _ => PlaygroundGenerators.Circle(o.Samples, o.Noise, seed),
        };
    }

    private static IReadOnlyList<string> Resolved(string name, string[] own, GeneratorOptions o)
    {
        var lines = new List<string> { $"{DataSources.Generate}: {name}", $"samples: {o.Samples}", $"seed: {o.Seed}" };
        foreach (string key in own)
        {
            object value = key switch
            {
                "noise" => o.Noise,
                "factor" => o.Factor,
                "centers" => o.Centers,
                "cluster_std" => o.ClusterStd,
                _ => o.NFeatures,
            };
            lines.Add($"{key}: {YamlScalarFormatter.Format(value)}");
        }
        return lines;
    }
}

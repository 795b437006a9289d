using NnLab.Experiments.Loading;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// Turns an experiment YAML file (plus <c>--set</c> overrides) into a validated <see cref="Experiment"/>, or into
/// every error the file has, each located to file:line:column and key path. It never throws for bad input.
/// </summary>
public sealed class ExperimentLoader
{
    private readonly ComponentRegistry _registry;

    public ExperimentLoader(ComponentRegistry registry) => _registry = registry;

    /// <summary>
    /// Loads <paramref name="path"/>; relative data paths in it are resolved from its folder. <paramref name="overrides"/>
    /// are <c>path=value</c> strings from <c>--set</c>, applied in order.
    /// </summary>
    public LoadResult LoadFile(string path, IReadOnlyList<string>? overrides = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            return LoadResult.Failure([new ConfigError(path, 1, 1, "", $"cannot read the experiment file: {reason}")]);
        }
        return LoadText(text, path, Path.GetDirectoryName(path) ?? "", overrides);
    }

    /// <summary>Loads YAML text. <paramref name="sourceFile"/> names it in errors; <paramref name="baseDirectory"/> anchors relative data paths.</summary>
    public LoadResult LoadText(string yaml, string sourceFile, string baseDirectory, IReadOnlyList<string>? overrides = null)
    {
        var errors = new ErrorCollector(new NodeLocations(sourceFile));
        var parsedOverrides = new OverrideParser(errors).Parse(overrides ?? []);
        var root = DocumentReader.Read(yaml, errors);
        if (root is null) return Fail(errors);

        // An override that cannot be applied is reported and skipped; the file is still checked in full.
        var applied = new OverrideApplier(_registry, errors).Apply(root, parsedOverrides);
        var config = new ExperimentReader(_registry, errors, baseDirectory).Read(root);
        if (config is null || errors.HasErrors) return Fail(errors);
        new ModelProbe(_registry, errors).Check(config);
        if (errors.HasErrors) return Fail(errors);

        return LoadResult.Success(Build(config, sourceFile, yaml, applied));
    }

    private Experiment Build(ExperimentConfig config, string sourceFile, string yaml, IReadOnlyList<ConfigOverride> overrides) => new()
    {
        Name = config.Name,
        Seed = config.Seed,
        SourceFile = sourceFile,
        SourceText = yaml,
        ResolvedYaml = new ResolvedConfigWriter(_registry).Write(config),
        Data = config.Data.Data,
        Model = config.Model,
        Cost = config.Cost,
        Optimizer = config.Optimizer,
        Training = new TrainingSettings(config.Training.Epochs, config.Training.LogEvery)
        {
            DivergenceFactor = config.Training.DivergenceFactor,
        },
        PredictionThreshold = config.Prediction.Threshold,
        Overrides = overrides,
        Registry = _registry,
    };

    private static LoadResult Fail(ErrorCollector errors) => LoadResult.Failure(errors.Sorted());
}

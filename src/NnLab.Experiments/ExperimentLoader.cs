using NnLab.Experiments.Loading;
using NnLab.Registry;
using NnLab.Training;
using NnLab.Experiments.Sweeps;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments;

/// <summary>
/// Turns an experiment YAML file (plus <c>--set</c> overrides) into a validated <see cref="Experiment"/>, or into
/// every error the file has, each located to file:line:column and key path. It never throws for bad input.
/// </summary>
public sealed class ExperimentLoader
{
    private readonly ComponentRegistry _registry;

    public ExperimentLoader(ComponentRegistry registry) => _registry = registry;

    /// <summary>The bounds the file, its <c>--set</c> values, its data and its model are read within.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>Stops loading with an OperationCanceledException (Ctrl+C): reading, parsing, data and sweep expansion check it.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Loads <paramref name="path"/>; relative data paths in it are resolved from its folder. <paramref name="overrides"/>
    /// are <c>path=value</c> strings from <c>--set</c>, applied in order.
    /// </summary>
    public LoadResult LoadFile(string path, IReadOnlyList<string>? overrides = null) =>
        TryReadFile(path, Limits, Cancellation, out string text, out var error)
            ? LoadText(text, path, Path.GetDirectoryName(path) ?? "", overrides)
            : LoadResult.Failure([error!]);

    /// <summary>Reads an experiment file, or gives the error that says why it cannot be read.</summary>
    internal static bool TryReadFile(string path, InputLimits limits, CancellationToken cancellation, out string text,
        out ConfigError? error)
    {
        try
        {
            string? read = BoundedFile.TryRead(path, limits.MaxDocumentBytes, int.MaxValue, regularOnly: false, cancellation, out var failure);
            text = read ?? "";
            error = failure is null ? null : new ConfigError(path, failure.Line, failure.Column, "",
                failure.Message == "file not found"
                    ? "cannot read the experiment file: file not found"
                    : $"cannot read the experiment file: {failure.Message}" + (failure.Message.Contains("at most") ? $" ({InputLimits.HowToRaise(nameof(InputLimits.MaxDocumentBytes))})" : ""));
            return read is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            text = "";
            error = new ConfigError(path, 1, 1, "", $"cannot read the experiment file: {reason}");
            return false;
        }
    }

    /// <summary>Loads YAML text. <paramref name="sourceFile"/> names it in errors; <paramref name="baseDirectory"/> anchors relative data paths.</summary>
    public LoadResult LoadText(string yaml, string sourceFile, string baseDirectory, IReadOnlyList<string>? overrides = null)
    {
        var errors = NewCollector(sourceFile);
        var parsedOverrides = new OverrideParser(errors).Parse(overrides ?? []);
        var root = DocumentReader.Read(yaml, errors);
        if (root is null) return Fail(errors);
        RejectSweepBlock(root, errors);

        var experiment = Load(new ExperimentSource(root, sourceFile, yaml, baseDirectory), parsedOverrides, errors, keepModel: true);
        return experiment is null || errors.HasErrors ? Fail(errors) : LoadResult.Success(experiment);
    }

    /// <summary>
    /// Applies <paramref name="overrides"/> to the source's tree and reads it, reporting into <paramref name="errors"/>
    /// (which may already hold other reports: a sweep loads all its trials into one collector). The model is built to
    /// check it; with <paramref name="keepModel"/> the experiment keeps it for training (a sweep's trials do not: it
    /// would hold every trial's weights at once).
    /// </summary>
    internal Experiment? Load(ExperimentSource source, IReadOnlyList<ParsedOverride> overrides, ErrorCollector errors, bool keepModel)
    {
        int errorsBefore = errors.Count;
        // An override that cannot be applied is reported and skipped; the file is still checked in full.
        var applied = new OverrideApplier(_registry, errors, source.IsShared).Apply(source.Root, overrides);
        var config = new ExperimentReader(_registry, errors, source.BaseDirectory) { DataMemo = source.DataMemo }.Read(source.Root);
        if (config is null || errors.Count != errorsBefore) return null;
        var model = new ModelBuild(_registry, errors).Build(config);
        if (model is null || errors.Count != errorsBefore) return null;
        return Build(config, source.SourceFile, source.Text, applied, model, keepModel);
    }

    // A sweep file loaded as one experiment: say what it is rather than "unknown key", then check the rest.
    private static void RejectSweepBlock(YamlMappingNode root, ErrorCollector errors)
    {
        if (MappingKeys.FindEntry(root, SweepBlock.Key) is not { } entry) return;
        errors.At(entry.Key, SweepBlock.Key,
            "this file declares a sweep (many trials), not one experiment: run it with 'nnlab sweep FILE' or 'nnlab run FILE'");
        root.Children.Remove(entry.Key);
    }

    private Experiment Build(ExperimentConfig config, string sourceFile, string yaml, IReadOnlyList<ConfigOverride> overrides,
        BuiltModel model, bool keepModel) => new()
    {
        OutputSize = model.OutputSize,
        ParameterCount = model.ParameterCount,
        InitialModel = keepModel ? model : null,
        Name = config.Name,
        Seed = config.Seed,
        SourceFile = sourceFile,
        SourceText = yaml,
        ResolvedYamlWriter = () => new ResolvedConfigWriter(_registry).Write(config),
        Data = config.Data.Data,
        Model = config.Model,
        Cost = config.Cost,
        Optimizer = config.Optimizer,
        Training = new TrainingSettings(config.Training.Epochs, config.Training.LogEvery, config.Training.BatchSize,
            config.Training.Shuffle, TrainingSettings.ShuffleSeedFor(config.Seed))
        {
            DivergenceFactor = config.Training.DivergenceFactor,
            EarlyStopping = config.EarlyStopping?.ToSettings(),
            CheckpointEvery = config.Training.CheckpointEvery,
        },
        Kernels = config.Training.Kernels,
        Precision = config.Training.Precision,
        PredictionThreshold = config.Prediction.Threshold,
        Overrides = overrides,
        Registry = _registry,
    };

    internal ErrorCollector NewCollector(string sourceFile) =>
        new(new NodeLocations(sourceFile)) { Limits = Limits, Cancellation = Cancellation };

    private static LoadResult Fail(ErrorCollector errors) => LoadResult.Failure(errors.Sorted());
}

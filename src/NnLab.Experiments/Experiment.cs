using System.Numerics;
using NnLab.Numerics;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// A typed, validated experiment: what a YAML file becomes once every name is resolved, every option bound,
/// every default filled in and the model shown to build. Inside NnLab it is trusted.
/// </summary>
public sealed class Experiment
{
    public required string Name { get; init; }

    /// <summary>The numpy-compatible seed, 0 ≤ seed ≤ 2³²−1.</summary>
    public required uint Seed { get; init; }

    /// <summary>Path of the YAML file as given, or a label such as "&lt;text&gt;".</summary>
    public required string SourceFile { get; init; }

    /// <summary>The file's text as written (config.yaml).</summary>
    public required string SourceText { get; init; }

    /// <summary>The resolved configuration with overrides applied and every default filled in (config.resolved.yaml).</summary>
    /// <remarks>
    /// A loaded experiment writes it when it is first read: a sweep's trial loaded again to train it, which writes no
    /// config file, never does (writing it was a seventh of loading an XOR trial).
    /// </remarks>
    public string ResolvedYaml
    {
        get => _resolvedYaml ??= _writeResolvedYaml?.Invoke() ?? throw new InvalidOperationException("this experiment was made without its resolved configuration");
        init => _resolvedYaml = value;
    }

    private string? _resolvedYaml;
    private Func<string>? _writeResolvedYaml;

    /// <summary>Writes <see cref="ResolvedYaml"/> when it is first read.</summary>
    internal Func<string> ResolvedYamlWriter { init => _writeResolvedYaml = value; }

    public required ExperimentData Data { get => _data; init => _data = value; }

    private ExperimentData _data = null!;

    /// <summary>
    /// This experiment with <paramref name="data"/>, equal to its own, in its place: a sweep's trials share one copy.
    /// The copy builds its own model (a model is trained once), unless <paramref name="keepModel"/> hands it the one
    /// this experiment holds, which must then not be used again.
    /// </summary>
    internal Experiment WithSharedData(ExperimentData data, bool keepModel = false)
    {
        var copy = (Experiment)MemberwiseClone();
        copy._data = data;
        if (!keepModel) copy._model = null;
        return copy;
    }
    public required IReadOnlyList<ComponentSpec> Model { get; init; }
    public required ComponentSpec Cost { get; init; }
    public required ComponentSpec Optimizer { get; init; }
    public required TrainingSettings Training { get => _training; init => _training = value; }

    private TrainingSettings _training = null!;

    /// <summary>
    /// This experiment trained with <paramref name="training"/> instead (e.g. another checkpoint_every); everything else,
    /// its resolved configuration text included, is the same.
    /// </summary>
    public Experiment WithTraining(TrainingSettings training)
    {
        var copy = (Experiment)MemberwiseClone();
        copy._training = training;
        return copy;
    }

    /// <summary>Which matrix products the run uses (<c>training.kernels</c>); reported in summary.json.</summary>
    public MatrixKernels Kernels { get; init; } = MatrixOperations.DefaultKernels;

    /// <summary>The element type the run computes in (<c>training.precision</c>); reported in summary.json.</summary>
    public Precision Precision { get; init; } = PrecisionNames.Default;

    /// <summary>An output ≥ threshold predicts 1 (binary outputs).</summary>
    public required double PredictionThreshold { get; init; }

    public required IReadOnlyList<ConfigOverride> Overrides { get; init; }

    /// <summary>Values the model outputs per example (0 when not known: an experiment built in code without it).</summary>
    public int OutputSize { get; init; }

    /// <summary>Parameter values (weights and biases) the model holds (0 when not known: an experiment built in code without it).</summary>
    public long ParameterCount { get; init; }

    /// <summary>
    /// The model the loader built while checking the experiment, until <see cref="TakeModel{T}"/> hands it out: the pipeline is YAML →
    /// checked experiment → model (built once) → trainer. Null once taken, for a sweep's trials (which are checked when the
    /// sweep expands but would hold every trial's weights at once) and for an experiment made without the loader.
    /// </summary>
    internal BuiltModel? InitialModel { init => _model = value; }

    private BuiltModel? _model;

    /// <summary>
    /// Whether the validation split is scored by accuracy (its targets are classes for this model's outputs) rather
    /// than by mean absolute error: one rule for cost.csv's columns and the trainer's scores.
    /// </summary>
    public bool ValidationScoresAccuracy =>
        Data.Validation is { } validation && Metrics.Classification.TargetClasses(validation.Targets, OutputSize) is not null;

    /// <summary>
    /// Whether the experiment could train side by side with others of its model shape in lanes (built-in components
    /// that lanes implement, no validation split or early stopping): see NnLab.Runner's <c>TogetherTraining</c>.
    /// </summary>
    public bool MayTrainTogether =>
        Data.Validation is null && NnLab.Training.Lanes.LaneEligibility.Allows(Model, Cost, Optimizer, Training);

    /// <summary>When <see cref="MayTrainTogether"/>: a text equal for experiments whose trials can share a pass; else null.</summary>
    public string? TogetherKey => MayTrainTogether
        ? NnLab.Training.Lanes.LaneEligibility.Key(Model, Cost, Optimizer, Training, Data.Inputs.Rows, Data.Targets.Rows, Data.Inputs.Cols, Precision, Kernels)
        : null;

    /// <summary>The registry the names were resolved in; building the model needs it for initializers.</summary>
    public required ComponentRegistry Registry { get; init; }

    /// <summary>
    /// Turns raw data columns (name → one value per example, as in the data file or generator) into the network's
    /// inputs (inputs × examples) exactly as the training data were: features derived, then the training split's
    /// normalisation applied. Used to evaluate a trained network on new points (a report's decision-boundary grid).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A column a feature reads is missing from <paramref name="columns"/>.</exception>
    public Matrix<double> PrepareInputs(IReadOnlyDictionary<string, double[]> columns) =>
        InputFeature.Derive(Data.Features, name => columns[name], columns.Count == 0 ? 0 : columns.Values.First().Length,
            Data.Normalization);

    /// <summary>
    /// The model training starts from, in the experiment's precision and kernels: the network the loader built (initial
    /// weights drawn from the seed) and its cost the first time, a freshly built one (the same initial weights) after that.
    /// NnLab.Runner's <c>experiment.CreateSession()</c> wraps it in a session that trains it.
    /// </summary>
    public BuiltModel TakeModel() => Precision switch
    {
        Precision.Float32 => TakeModel(MatrixOperations.Create<float>(Kernels)),
        _ => TakeModel(MatrixOperations.Create<double>(Kernels)),
    };

    /// <summary>
    /// The model computing in <typeparamref name="T"/> with <paramref name="operations"/>, whatever <see cref="Precision"/>
    /// says: the loader's when it was built for these (handed out once), else a freshly built one (the same initial weights).
    /// </summary>
    public BuiltModel<T> TakeModel<T>(IMatrixOperations<T> operations) where T : IFloatingPointIeee754<T>
    {
        if (TakeLoaderModel(operations) is { } built) return built;
        var random = new NumpyRandomState(Seed);
        var network = Network<T>.Build(Model, Data.Inputs.Rows, random, operations, Registry);
        return new BuiltModel<T>(network, Cost.Create<ICost<T>>(), operations, random.GetState(), ParameterCount);
    }

    /// <summary>The loader's model if it computes in <typeparamref name="T"/> with <paramref name="operations"/>; it is handed out once.</summary>
    private BuiltModel<T>? TakeLoaderModel<T>(IMatrixOperations<T> operations) where T : IFloatingPointIeee754<T>
    {
        var model = Volatile.Read(ref _model);
        if (model is not BuiltModel<T> built || !ReferenceEquals(built.Operations, operations)) return null;
        return Interlocked.CompareExchange(ref _model, null, model) == model ? built : null;
    }
}

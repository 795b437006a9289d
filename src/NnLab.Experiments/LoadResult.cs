using System.Diagnostics.CodeAnalysis;

namespace NnLab.Experiments;

/// <summary>
/// Either a checked experiment or every error found in the file. A failed load is never a null experiment:
/// <see cref="Experiment"/> throws <see cref="ExperimentConfigException"/> with the errors, and
/// <see cref="TryGetExperiment"/> asks first.
/// </summary>
public sealed class LoadResult
{
    private readonly Experiment? _experiment;

    private LoadResult(Experiment? experiment, IReadOnlyList<ConfigError> errors)
    {
        _experiment = experiment;
        Errors = errors;
    }

    /// <summary>The checked experiment.</summary>
    /// <exception cref="ExperimentConfigException">The load failed: every error, each at file:line:column and key path.</exception>
    public Experiment Experiment => _experiment ?? throw new ExperimentConfigException(Errors);

    /// <summary>The experiment when the load succeeded; otherwise false and the reasons are in <see cref="Errors"/>.</summary>
    public bool TryGetExperiment([NotNullWhen(true)] out Experiment? experiment)
    {
        experiment = _experiment;
        return experiment is not null;
    }

    public IReadOnlyList<ConfigError> Errors { get; }
    public bool Succeeded => _experiment is not null;

    public static LoadResult Success(Experiment experiment) => new(experiment, []);
    public static LoadResult Failure(IReadOnlyList<ConfigError> errors) => new(null, errors);
}

namespace NnLab.Experiments;

/// <summary>Either a checked experiment or every error found in the file.</summary>
public sealed class LoadResult
{
    private LoadResult(Experiment? experiment, IReadOnlyList<ConfigError> errors)
    {
        Experiment = experiment;
        Errors = errors;
    }

    public Experiment? Experiment { get; }
    public IReadOnlyList<ConfigError> Errors { get; }
    public bool Succeeded => Experiment is not null;

    public static LoadResult Success(Experiment experiment) => new(experiment, []);
    public static LoadResult Failure(IReadOnlyList<ConfigError> errors) => new(null, errors);
}

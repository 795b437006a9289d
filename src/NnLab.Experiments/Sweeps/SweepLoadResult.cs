namespace NnLab.Experiments.Sweeps;

/// <summary>Either a sweep whose every trial is valid, or every error found in the file and its trials.</summary>
public sealed class SweepLoadResult
{
    private SweepLoadResult(Sweep? sweep, IReadOnlyList<ConfigError> errors)
    {
        Sweep = sweep;
        Errors = errors;
    }

    public Sweep? Sweep { get; }
    public IReadOnlyList<ConfigError> Errors { get; }
    public bool Succeeded => Sweep is not null;

    public static SweepLoadResult Success(Sweep sweep) => new(sweep, []);
    public static SweepLoadResult Failure(IReadOnlyList<ConfigError> errors) => new(null, errors);
}

using System.Diagnostics.CodeAnalysis;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Either a sweep whose every trial is valid, or every error found in the file and its trials. A failed load is never
/// a null sweep: <see cref="Sweep"/> throws <see cref="ExperimentConfigException"/> with the errors, and
/// <see cref="TryGetSweep"/> asks first.
/// </summary>
public sealed class SweepLoadResult
{
    private readonly Sweep? _sweep;

    private SweepLoadResult(Sweep? sweep, IReadOnlyList<ConfigError> errors)
    {
        _sweep = sweep;
        Errors = errors;
    }

    /// <summary>The checked sweep.</summary>
    /// <exception cref="ExperimentConfigException">The load failed: every error, each at file:line:column and key path.</exception>
    public Sweep Sweep => _sweep ?? throw new ExperimentConfigException(Errors);

    /// <summary>The sweep when the load succeeded; otherwise false and the reasons are in <see cref="Errors"/>.</summary>
    public bool TryGetSweep([NotNullWhen(true)] out Sweep? sweep)
    {
        sweep = _sweep;
        return sweep is not null;
    }

    public IReadOnlyList<ConfigError> Errors { get; }
    public bool Succeeded => _sweep is not null;

    public static SweepLoadResult Success(Sweep sweep) => new(sweep, []);
    public static SweepLoadResult Failure(IReadOnlyList<ConfigError> errors) => new(null, errors);
}

namespace NnLab.Runner.Sweeps;

/// <summary>Shows a sweep as it runs (a live display, say); called on its own task while the trials run.</summary>
public interface ISweepMonitor
{
    /// <summary>Watches <paramref name="progress"/> until <paramref name="sweep"/> finishes.</summary>
    Task WatchAsync(SweepProgress progress, Task sweep);
}

namespace NnLab.Experiments.Sweeps;

/// <summary>How a sweep combines its axes into trials (<c>sweep.mode</c>).</summary>
public enum SweepMode
{
    /// <summary>Every combination of the axes' values (cartesian product); the last axis varies fastest.</summary>
    Grid,

    /// <summary>The i-th values of all axes together; every axis has the same number of values.</summary>
    Zip,

    /// <summary><c>samples</c> trials, each drawing one value per axis from the sweep's own random stream.</summary>
    Random,
}

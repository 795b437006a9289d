namespace NnLab.Diagnostics;

/// <summary>The largest relative error between analytic and finite-difference gradients, per tensor.</summary>
public sealed record GradientCheckResult(string Subject, IReadOnlyDictionary<string, double> MaxRelativeErrors)
{
    public double MaxRelativeError => MaxRelativeErrors.Count == 0 ? 0 : MaxRelativeErrors.Values.Max();

    public bool Passes(double threshold) => MaxRelativeError <= threshold;
}

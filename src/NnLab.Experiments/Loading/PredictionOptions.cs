namespace NnLab.Experiments.Loading;

/// <summary>The <c>prediction</c> section: an output ≥ threshold predicts 1.</summary>
internal sealed class PredictionOptions
{
    public double Threshold { get; set; } = 0.5;
}

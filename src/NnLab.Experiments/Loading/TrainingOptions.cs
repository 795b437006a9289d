using System.ComponentModel.DataAnnotations;
using NnLab.Training;

namespace NnLab.Experiments.Loading;

/// <summary>The <c>training</c> section, bound like component options so its errors read the same.</summary>
internal sealed class TrainingOptions
{
    [Required, Range(1, int.MaxValue)]
    public int Epochs { get; set; }

    [Range(1, int.MaxValue)]
    public int LogEvery { get; set; } = 100;

    /// <summary>Stop as diverged once the cost exceeds this many times the first epoch's cost; 0 turns the bound off.</summary>
    [Range(0, double.MaxValue)]
    public double DivergenceFactor { get; set; } = TrainingSettings.DefaultDivergenceFactor;
}

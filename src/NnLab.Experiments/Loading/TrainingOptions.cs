using System.ComponentModel.DataAnnotations;

namespace NnLab.Experiments.Loading;

/// <summary>The <c>training</c> section, bound like component options so its errors read the same.</summary>
internal sealed class TrainingOptions
{
    [Required, Range(1, int.MaxValue)]
    public int Epochs { get; set; }

    [Range(1, int.MaxValue)]
    public int LogEvery { get; set; } = 100;
}

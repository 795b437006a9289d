using System.ComponentModel.DataAnnotations;
using NnLab.Numerics;
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

    /// <summary>Examples per update; 0 (or ≥ the number of examples) is the full batch, as the tutorial trains.</summary>
    [Range(0, int.MaxValue)]
    public int BatchSize { get; set; }

    /// <summary>Mini-batches only: a fresh seeded order of the examples every epoch.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>reference (the tutorial's exact rounding) or fast (packed FMA kernels on every core).</summary>
    public MatrixKernels Kernels { get; set; } = MatrixOperations.DefaultKernels;

    /// <summary>float64 (the default; the tutorials' figures) or float32 (half the memory, twice the arithmetic rate).</summary>
    public Precision Precision { get; set; } = PrecisionNames.Default;

    /// <summary>Write the run folder's checkpoints/last every this many epochs (and when training stops); 0 = only when it stops.</summary>
    [Range(0, int.MaxValue)]
    public int CheckpointEvery { get; set; } = TrainingSettings.DefaultCheckpointEvery;
}

/// <summary>The <c>training.early_stopping</c> mapping.</summary>
internal sealed class EarlyStoppingOptions
{
    public const string Key = "early_stopping";

    public StoppingMonitor Monitor { get; set; } = StoppingMonitor.ValidationCost;

    /// <summary>Epochs without improvement before training stops (checked at recorded epochs).</summary>
    [Range(1, int.MaxValue)]
    public int Patience { get; set; } = 100;

    /// <summary>An improvement smaller than this does not count.</summary>
    [Range(0, double.MaxValue)]
    public double MinDelta { get; set; }

    public EarlyStopping ToSettings() => new(Monitor, Patience, MinDelta);
}

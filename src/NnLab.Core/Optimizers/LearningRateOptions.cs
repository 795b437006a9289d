using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Optimizers;

/// <summary>The learning rate and its optional schedule, shared by every built-in optimizer.</summary>
public abstract class LearningRateOptions
{
    protected LearningRateOptions(double defaultLearningRate) => LearningRate = defaultLearningRate;

    [Range(double.Epsilon, double.MaxValue), Description("step size α")]
    public double LearningRate { get; set; }

    [Description("learning-rate schedule: none, step or exponential")]
    public LearningRateDecay Decay { get; set; } = LearningRateDecay.None;

    [Range(double.Epsilon, 1.0), Description("factor the rate is multiplied by per decay_steps updates")]
    public double DecayRate { get; set; } = 0.5;

    [Range(1, int.MaxValue), Description("updates per decay_rate factor")]
    public int DecaySteps { get; set; } = 1000;

    /// <summary>The learning rate for update <paramref name="step"/> (0-based).</summary>
    public double RateAt(int step) => Decay switch
    {
        LearningRateDecay.Step => LearningRate * Math.Pow(DecayRate, step / DecaySteps),
        LearningRateDecay.Exponential => LearningRate * Math.Pow(DecayRate, (double)step / DecaySteps),
        _ => LearningRate,
    };
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Optimizers;

public sealed class GradientDescentOptions
{
    [Range(double.Epsilon, double.MaxValue), Description("step size α in W ← W − α·dW")]
    public double LearningRate { get; set; } = 0.1;
}

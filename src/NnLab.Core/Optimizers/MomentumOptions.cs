using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Optimizers;

public sealed class MomentumOptions() : LearningRateOptions(defaultLearningRate: 0.01)
{
    [Range(0.0, 1.0), Description("fraction μ of the previous velocity kept")]
    public double Momentum { get; set; } = 0.9;

    [Description("Nesterov's look-ahead form")]
    public bool Nesterov { get; set; }
}

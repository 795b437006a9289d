using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Optimizers;

public sealed class AdamOptions() : LearningRateOptions(defaultLearningRate: 0.001)
{
    [Range(0.0, 0.999999999), Description("decay of the first-moment estimate")]
    public double Beta1 { get; set; } = 0.9;

    [Range(0.0, 0.999999999), Description("decay of the second-moment estimate")]
    public double Beta2 { get; set; } = 0.999;

    [Range(double.Epsilon, 1.0), Description("added to √v̂ to avoid division by zero")]
    public double Epsilon { get; set; } = 1e-8;
}

using NnLab.Costs;
using NnLab.Initializers;
using NnLab.Layers;
using NnLab.Optimizers;

namespace NnLab.Registry;

/// <summary>
/// NnLab's own components: each class of this assembly marked with <see cref="RegisterAttribute"/>, registered the way a
/// plugin's are (<see cref="ComponentRegistry.Register(Type, RegisterAttribute, string)"/>). They are listed rather than
/// found by scanning the assembly, as a plugin's are: reading every exported type's attributes took a few milliseconds
/// of every command's start. A test holds the list to the scan, so a new built-in cannot be left out.
/// </summary>
internal static class BuiltInComponents
{
    public static readonly Type[] Types =
    [
        typeof(LinearLayer<>), typeof(SigmoidLayer<>), typeof(TanhLayer<>), typeof(ReluLayer<>), typeof(LeakyReluLayer<>),
        typeof(SoftmaxLayer<>),
        typeof(XavierInitializer), typeof(PlainInitializer), typeof(GlorotUniformInitializer), typeof(GlorotNormalInitializer),
        typeof(HeInitializer), typeof(HeUniformInitializer), typeof(HeNormalInitializer), typeof(UniformInitializer),
        typeof(ZerosInitializer), typeof(ConstantInitializer), typeof(ValuesInitializer),
        typeof(HalfSquaredErrorCost<>), typeof(SumOfSquaresCost<>), typeof(BinaryCrossEntropyCost<>),
        typeof(BinaryCrossEntropyFromLogitsCost<>), typeof(SoftmaxCrossEntropyCost<>),
        typeof(GradientDescentOptimizer<>), typeof(MomentumOptimizer<>), typeof(AdamOptimizer<>),
    ];
}

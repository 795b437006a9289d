using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;

namespace NnLab.Training.Lanes;

/// <summary>
/// Whether an experiment's components could train in lanes (<see cref="LaneTrainer{T}"/>), told from its specs
/// before anything is built: a sweep uses it to hand such trials to a worker together and every other trial alone
/// (a plugin's trial keeps its own unit, so what it does to its process touches no other trial).
/// </summary>
public static class LaneEligibility
{
    private static readonly HashSet<Type> Layers = [typeof(LinearLayer<>), typeof(SigmoidLayer<>), typeof(TanhLayer<>), typeof(ReluLayer<>)];
    private static readonly HashSet<Type> Costs = [typeof(HalfSquaredErrorCost<>), typeof(BinaryCrossEntropyCost<>)];
    private static readonly HashSet<Type> Optimizers = [typeof(GradientDescentOptimizer<>), typeof(MomentumOptimizer<>), typeof(AdamOptimizer<>)];

    /// <summary>Built-in layers, cost and optimizer that lanes implement, and no early stopping.</summary>
    public static bool Allows(IReadOnlyList<ComponentSpec> model, ComponentSpec cost, ComponentSpec optimizer, TrainingSettings settings) =>
        settings.EarlyStopping is null
        && model.All(s => Is(s, Layers)) && Is(cost, Costs) && Is(optimizer, Optimizers);

    /// <summary>
    /// For components <see cref="Allows"/> accepts, a text equal for two experiments exactly when their trials can share
    /// a pass: the layers and their sizes, cost, update rule, epochs, logging, batching, data shape, precision and kernels.
    /// </summary>
    public static string Key(IReadOnlyList<ComponentSpec> model, ComponentSpec cost, ComponentSpec optimizer, TrainingSettings settings,
        int inputs, int outputs, int examples, Precision precision, MatrixKernels kernels)
    {
        var layers = model.Select(s => s.Options is LinearOptions linear ? $"linear:{linear.Units}:{linear.Bias}" : s.Descriptor.Name);
        string rule = optimizer.Options is MomentumOptions { Nesterov: true } ? "nesterov" : optimizer.Descriptor.Implementation.Name;
        return string.Join('|', [precision.ToString(), kernels.ToString(), $"{inputs}x{examples}->{outputs}", ..layers, cost.Descriptor.Implementation.Name, rule,
            $"{settings.Epochs}/{settings.LogEvery}/{settings.EffectiveBatchSize(examples)}/{settings.Shuffle}"]);
    }

    private static bool Is(ComponentSpec spec, HashSet<Type> types) =>
        spec.Descriptor.Implementation is { IsGenericType: true } type && types.Contains(type.GetGenericTypeDefinition());
}

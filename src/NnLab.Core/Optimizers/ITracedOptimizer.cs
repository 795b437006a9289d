using System.Numerics;

namespace NnLab.Optimizers;

/// <summary>
/// What a built-in optimizer shows of itself to <c>nnlab trace</c>: its update rule, the scalars of one update and a
/// read-only view of its per-parameter state. Nothing here changes the optimizer.
/// </summary>
internal interface ITracedOptimizer<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The update rule for a parameter written as <c>{P}</c>, e.g. <c>"{P} ← {P} − α·∂Cost/∂{P}"</c>.</summary>
    string UpdateFormula { get; }

    /// <summary>The named scalars update <paramref name="step"/> uses (α, μ, β1, the bias corrections, …), in float64.</summary>
    IReadOnlyList<(string Name, double Value)> Scalars(int step);

    /// <summary>The state kept for parameter <paramref name="parameter"/> (model order), as it stands after the last step.</summary>
    IReadOnlyList<(string Name, ReadOnlyMemory<T> Values)> State(int parameter);
}

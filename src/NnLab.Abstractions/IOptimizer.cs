using System.Numerics;

namespace NnLab;

/// <summary>Updates parameters from their gradients. It may keep per-parameter state (momentum, moments).</summary>
public interface IOptimizer<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Called once, before training, with every trainable parameter of the model in model order.</summary>
    void Initialize(IReadOnlyList<Parameter<T>> parameters);

    /// <summary>Applies one update. <paramref name="step"/> counts updates from 0.</summary>
    void Step(int step);
}

namespace NnLab;

/// <summary>
/// The experiment's single random stream. NnLab's implementation reproduces numpy's legacy
/// <c>np.random.seed</c> stream bit for bit, so draws happen in a documented order: layer after layer.
/// </summary>
public interface IRandomSource
{
    /// <summary>A uniform double in [0, 1), as numpy's <c>np.random.rand</c>.</summary>
    double NextUniform();

    /// <summary>A standard normal, as numpy's <c>np.random.randn</c>.</summary>
    double NextGaussian();

    /// <summary>A uniform integer in [0, max], as numpy's legacy bounded draw.</summary>
    uint NextBounded(uint max);
}

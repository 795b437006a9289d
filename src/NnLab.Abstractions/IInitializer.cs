namespace NnLab;

/// <summary>Fills a new parameter. Implementations must be stateless: draw only from the context's random stream.</summary>
public interface IInitializer
{
    /// <summary>
    /// Fills <paramref name="values"/>, a (fanOut × fanIn) weight matrix or a (fanOut × 1) bias.
    /// Throw <see cref="ArgumentException"/> for a shape the initializer cannot fill; the message reaches the user.
    /// </summary>
    void Initialize(Matrix<double> values, InitializerContext context);
}

/// <summary>Shape and random stream for one <see cref="IInitializer.Initialize"/> call.</summary>
public readonly record struct InitializerContext(int FanOut, int FanIn, ParameterRole Role, IRandomSource Random);

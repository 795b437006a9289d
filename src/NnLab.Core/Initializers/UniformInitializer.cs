namespace NnLab.Initializers;

/// <summary>
/// np.random.rand(n_in, n_out): uniform [0, 1) drawn input by input, as the two-layer tutorial draws its
/// (inputs × outputs) weights; stored transposed in NnLab's (outputs × inputs) W.
/// </summary>
[Register("uniform", Description = "rand(n_in, n_out), transposed into W: the two-layer tutorial's draw")]
public sealed class UniformInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context)
    {
        for (int input = 0; input < values.Cols; input++)
        for (int output = 0; output < values.Rows; output++)
            values[output, input] = context.Random.NextUniform();
    }
}

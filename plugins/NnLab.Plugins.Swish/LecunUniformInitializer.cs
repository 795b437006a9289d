namespace NnLab.Plugins.Swish;

/// <summary>LeCun uniform: U(−l, l) with l = √(3 / n_in), drawn from the experiment's stream in W's row-major order.</summary>
[Register("lecun_uniform", Description = "U(-l, l), l = sqrt(3 / n_in)")]
public sealed class LecunUniformInitializer : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context)
    {
        double limit = Math.Sqrt(3.0 / context.FanIn);
        for (int i = 0; i < values.Length; i++)
            values.Data[i] = -limit + 2 * limit * context.Random.NextUniform();
    }
}

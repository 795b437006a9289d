using System.Runtime.CompilerServices;
using NnLab.Numerics;

namespace NnLab.Bench;

/// <summary>
/// The tutorial's XOR training loop written out by hand for its one network (2-3-1 sigmoid, 4 examples, half squared
/// error, lr 1): plain scalar C#, every value on the stack, no matrices, layers or interfaces. It is the ceiling that
/// NnLab's general loop is measured against, so it does exactly NnLab's (and the tutorial's) arithmetic in the same
/// order — products as sequential sums over k, bias added after the product, numpy's sums (fewer than 8 values:
/// one after another), the C library's exp — and its costs equal NnLab's to the last bit.
/// </summary>
internal static class HandwrittenXor
{
    private const int Hidden = 3, Examples = 4;
    private const double LearningRate = 1.0;

    /// <summary>X's two rows and Y, as the tutorial writes them.</summary>
    private static ReadOnlySpan<double> X0 => [0, 0, 1, 1];
    private static ReadOnlySpan<double> X1 => [0, 1, 0, 1];
    private static ReadOnlySpan<double> Y => [0, 1, 1, 0];

    /// <summary>The tutorial's initial weights: xavier (randn / √fan-in) from numpy's seed 48, W1 (3×2) then W2 (1×3); biases zero.</summary>
    public static double[] InitialWeights()
    {
        var random = new NumpyRandomState(48);
        var weights = new double[2 * Hidden + Hidden];
        for (int i = 0; i < 2 * Hidden; i++) weights[i] = random.NextGaussian() / Math.Sqrt(2);
        for (int i = 2 * Hidden; i < weights.Length; i++) weights[i] = random.NextGaussian() / Math.Sqrt(Hidden);
        return weights;
    }

    /// <summary>
    /// Trains <paramref name="epochs"/> epochs from <paramref name="initial"/> (see <see cref="InitialWeights"/>);
    /// returns the last epoch's cost (before its update, as the tutorial prints it) and the cost of the final weights.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (double LastCost, double FinalCost) Train(ReadOnlySpan<double> initial, int epochs)
    {
        Span<double> w1 = stackalloc double[2 * Hidden], b1 = stackalloc double[Hidden], w2 = stackalloc double[Hidden];
        initial[..(2 * Hidden)].CopyTo(w1);
        initial[(2 * Hidden)..].CopyTo(w2);
        b1.Clear();
        double b2 = 0;
        Span<double> a1 = stackalloc double[Hidden * Examples], dz1 = stackalloc double[Hidden * Examples];
        Span<double> a2 = stackalloc double[Examples], dz2 = stackalloc double[Examples];
        double cost = double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            cost = Forward(w1, b1, w2, b2, a1, a2);
            // dA2 = −1/m·(Y − A2); dZ2 = dA2·A2·(1 − A2)
            for (int j = 0; j < Examples; j++) dz2[j] = -1.0 / Examples * (Y[j] - a2[j]) * a2[j] * (1 - a2[j]);
            // dA1 = W2ᵀ·dZ2; dZ1 = dA1·A1·(1 − A1)
            for (int h = 0; h < Hidden; h++)
                for (int j = 0; j < Examples; j++)
                    dz1[h * Examples + j] = w2[h] * dz2[j] * a1[h * Examples + j] * (1 - a1[h * Examples + j]);
            // Each gradient is applied as soon as it is summed: nothing later in the epoch reads the parameter it updates.
            for (int h = 0; h < Hidden; h++)
            {
                double dw2 = 0;
                for (int j = 0; j < Examples; j++) dw2 += dz2[j] * a1[h * Examples + j];
                w2[h] -= LearningRate * dw2;
                double dw10 = 0, dw11 = 0, db1 = -0.0;
                for (int j = 0; j < Examples; j++)
                {
                    double d = dz1[h * Examples + j];
                    dw10 += d * X0[j];
                    dw11 += d * X1[j];
                    db1 += d;
                }
                w1[2 * h] -= LearningRate * dw10;
                w1[2 * h + 1] -= LearningRate * dw11;
                b1[h] -= LearningRate * db1;
            }
            double db2 = -0.0;
            for (int j = 0; j < Examples; j++) db2 += dz2[j];
            b2 -= LearningRate * db2;
        }
        return (cost, Forward(w1, b1, w2, b2, a1, a2));
    }

    /// <summary>A1 and A2 for the four examples; returns the cost 1/(2m)·Σ(Y − A2)².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Forward(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, double b2,
        Span<double> a1, Span<double> a2)
    {
        double squares = -0.0;
        for (int j = 0; j < Examples; j++)
        {
            double z2 = 0;
            for (int h = 0; h < Hidden; h++)
            {
                double z1 = w1[2 * h] * X0[j] + w1[2 * h + 1] * X1[j] + b1[h];
                double a = 1 / (1 + Math.Exp(-z1));
                a1[h * Examples + j] = a;
                z2 += w2[h] * a;
            }
            a2[j] = 1 / (1 + Math.Exp(-(z2 + b2)));
            double error = Y[j] - a2[j];
            squares += error * error;
        }
        return 1.0 / (2 * Examples) * squares;
    }
}

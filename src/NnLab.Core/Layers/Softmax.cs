using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>The column-wise softmax shared by the softmax layer and the softmax cross-entropy cost.</summary>
public static class Softmax
{
    public static void Columns<T>(Matrix<T> logits, Matrix<T> probabilities) where T : IFloatingPointIeee754<T>
    {
        int k = logits.Rows, m = logits.Cols;
        for (int j = 0; j < m; j++)
        {
            T max = T.NegativeInfinity;
            for (int i = 0; i < k; i++) max = T.Max(max, logits[i, j]);
            T sum = T.Zero;
            for (int i = 0; i < k; i++) sum += probabilities[i, j] = LibraryMath.Exp(logits[i, j] - max);
            for (int i = 0; i < k; i++) probabilities[i, j] /= sum;
        }
    }

    /// <summary>log Σ_i e^(Z_i) of column <paramref name="column"/>, computed without overflow.</summary>
    public static T LogSumExp<T>(Matrix<T> logits, int column) where T : IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        for (int i = 0; i < logits.Rows; i++) max = T.Max(max, logits[i, column]);
        T sum = T.Zero;
        for (int i = 0; i < logits.Rows; i++) sum += LibraryMath.Exp(logits[i, column] - max);
        return max + T.Log(sum);
    }
}

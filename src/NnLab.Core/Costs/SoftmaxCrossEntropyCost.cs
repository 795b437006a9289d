using System.Numerics;
using NnLab.Layers;

namespace NnLab.Costs;

/// <summary>
/// Cross-entropy fused with the softmax, on logits Z (classes × m): 1/m·Σ_j [logΣ_i e^Z_ij − Z_(y_j) j], finite for
/// any Z; gradient (softmax(Z) − Y)/m. Targets are one-hot (classes × m) or class indices (1 × m, values 0..k−1).
/// </summary>
[Register("softmax_cross_entropy",
    Description = "1/m * sum(logsumexp(z) - z[y]) on logits; one-hot or class-index targets; predictions are softmax(z)")]
public sealed class SoftmaxCrossEntropyCost<T> : ILogitCost<T> where T : IFloatingPointIeee754<T>
{
    public double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient)
    {
        int k = predictions.Rows;
        T m = T.CreateTruncating(predictions.Cols);
        bool indices = targets.Rows == 1 && k > 1;
        T sum = T.Zero;
        for (int j = 0; j < predictions.Cols; j++)
        {
            T lse = Softmax.LogSumExp(predictions, j);
            for (int i = 0; i < k; i++)
            {
                T y = Target(targets, indices, i, j);
                if (y != T.Zero) sum += y * (lse - predictions[i, j]);
                if (gradient is not null) gradient[i, j] = (T.Exp(predictions[i, j] - lse) - y) / m;
            }
        }
        return double.CreateTruncating(sum / m);
    }

    public void ToProbabilities(Matrix<T> logits, Matrix<T> probabilities) => Softmax.Columns(logits, probabilities);

    public string? ValidateTargets(int outputSize, Matrix<double> targets)
    {
        if (targets.Rows == outputSize) return null;
        if (targets.Rows != 1)
            return $"softmax_cross_entropy needs one-hot targets ({outputSize} columns) or one class-index column, got {targets.Rows} columns";
        foreach (var v in targets.Data)
            if (v != Math.Floor(v) || v < 0 || v >= outputSize)
                return $"class-index targets must be whole numbers from 0 to {outputSize - 1}, got {v}";
        return null;
    }

    private static T Target(Matrix<T> targets, bool indices, int row, int column) =>
        indices ? (targets[0, column] == T.CreateTruncating(row) ? T.One : T.Zero) : targets[row, column];
}

using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Costs;

/// <summary>
/// Binary cross-entropy fused with the sigmoid, on logits z from a final linear layer:
/// 1/m·Σ[max(z, 0) − z·y + log(1 + e^−|z|)], finite for any z; gradient (σ(z) − y)/m.
/// </summary>
[Register("binary_cross_entropy_from_logits",
    Description = "1/m * sum(max(z,0) - z*y + log(1+exp(-|z|))) on logits; predictions are sigmoid(z)")]
public sealed class BinaryCrossEntropyFromLogitsCost<T> : ILogitCost<T>, IDescribesGradient, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "Cost = 1/m·Σ[max({in}, 0) − {in}·Y + log(1 + e^−|{in}|)], Ŷ = σ({in})";

    string IDescribesGradient.LocalGradientFormula => "∂Cost/∂{in} = (σ({in}) − Y)/m";

    public double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient)
    {
        T m = T.CreateTruncating(targets.Cols);
        var z = predictions.Data; var y = targets.Data;
        T sum = T.Zero;
        for (int i = 0; i < z.Length; i++)
        {
            sum += T.Max(z[i], T.Zero) - z[i] * y[i] + T.Log(T.One + LibraryMath.Exp(-T.Abs(z[i])));
            if (gradient is not null) gradient.Data[i] = (StableSigmoid(z[i]) - y[i]) / m;
        }
        return double.CreateTruncating(sum / m);
    }

    public void ToProbabilities(Matrix<T> logits, Matrix<T> probabilities)
    {
        for (int i = 0; i < logits.Length; i++) probabilities.Data[i] = StableSigmoid(logits.Data[i]);
    }

    /// <summary>σ(z) without overflowing e^−z for large negative z.</summary>
    private static T StableSigmoid(T z)
    {
        if (z >= T.Zero) return T.One / (T.One + LibraryMath.Exp(-z));
        T e = LibraryMath.Exp(z);
        return e / (T.One + e);
    }

    /// <summary>The probabilities the predictions print: σ(z).</summary>
    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input) => graph.AddNode("Sigmoid", [input]);
}

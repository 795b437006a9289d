namespace NnLab.Costs;

/// <summary>
/// Binary cross-entropy fused with the sigmoid, on logits z from a final linear layer:
/// 1/m·Σ[max(z, 0) − z·y + log(1 + e^−|z|)], finite for any z; gradient (σ(z) − y)/m.
/// </summary>
[Register("binary_cross_entropy_from_logits",
    Description = "1/m * sum(max(z,0) - z*y + log(1+exp(-|z|))) on logits; predictions are sigmoid(z)")]
public sealed class BinaryCrossEntropyFromLogitsCost : ILogitCost
{
    public double Evaluate(Matrix predictions, Matrix targets, Matrix? gradient)
    {
        int m = targets.Cols;
        var z = predictions.Data; var y = targets.Data;
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            sum += Math.Max(z[i], 0) - z[i] * y[i] + Math.Log(1 + Math.Exp(-Math.Abs(z[i])));
            if (gradient is not null) gradient.Data[i] = (StableSigmoid(z[i]) - y[i]) / m;
        }
        return sum / m;
    }

    public void ToProbabilities(Matrix logits, Matrix probabilities)
    {
        for (int i = 0; i < logits.Length; i++) probabilities.Data[i] = StableSigmoid(logits.Data[i]);
    }

    /// <summary>σ(z) without overflowing e^−z for large negative z.</summary>
    private static double StableSigmoid(double z)
    {
        if (z >= 0) return 1 / (1 + Math.Exp(-z));
        double e = Math.Exp(z);
        return e / (1 + e);
    }
}

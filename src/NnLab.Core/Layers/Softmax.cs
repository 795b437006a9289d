namespace NnLab.Layers;

/// <summary>The column-wise softmax shared by the softmax layer and the softmax cross-entropy cost.</summary>
public static class Softmax
{
    public static void Columns(Matrix logits, Matrix probabilities)
    {
        int k = logits.Rows, m = logits.Cols;
        for (int j = 0; j < m; j++)
        {
            double max = double.NegativeInfinity;
            for (int i = 0; i < k; i++) max = Math.Max(max, logits[i, j]);
            double sum = 0;
            for (int i = 0; i < k; i++) sum += probabilities[i, j] = Math.Exp(logits[i, j] - max);
            for (int i = 0; i < k; i++) probabilities[i, j] /= sum;
        }
    }

    /// <summary>log Σ_i e^(Z_i) of column <paramref name="column"/>, computed without overflow.</summary>
    public static double LogSumExp(Matrix logits, int column)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < logits.Rows; i++) max = Math.Max(max, logits[i, column]);
        double sum = 0;
        for (int i = 0; i < logits.Rows; i++) sum += Math.Exp(logits[i, column] - max);
        return max + Math.Log(sum);
    }
}

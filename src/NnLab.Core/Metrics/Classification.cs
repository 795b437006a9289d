namespace NnLab.Metrics;

/// <summary>
/// Turns network outputs into class predictions and scores them: one output is binary (≥ threshold → 1);
/// several outputs are multi-class (the arg-max row). Targets are labels when they are 0/1 (binary), one-hot rows,
/// or class indices; otherwise (regression) there is no accuracy.
/// </summary>
public static class Classification
{
    /// <summary>The predicted class of every example (column) of <paramref name="probabilities"/>.</summary>
    public static int[] Predict(Matrix<double> probabilities, double threshold)
    {
        var classes = new int[probabilities.Cols];
        for (int j = 0; j < classes.Length; j++)
            classes[j] = probabilities.Rows == 1 ? (probabilities[0, j] >= threshold ? 1 : 0) : ArgMax(probabilities, j);
        return classes;
    }

    /// <summary>The target class of every example, or null when the targets are not class labels.</summary>
    public static int[]? TargetClasses(Matrix<double> targets, int outputSize)
    {
        var classes = new int[targets.Cols];
        bool indices = targets.Rows == 1;
        for (int j = 0; j < classes.Length; j++)
        {
            if (indices)
            {
                double v = targets[0, j];
                int limit = outputSize == 1 ? 2 : outputSize;
                if (v != Math.Floor(v) || v < 0 || v >= limit) return null;
                classes[j] = (int)v;
            }
            else
            {
                if (!IsOneHot(targets, j)) return null;
                classes[j] = ArgMax(targets, j);
            }
        }
        return classes;
    }

    /// <summary>The fraction of examples predicted right, or null when the targets are not class labels.</summary>
    public static double? Accuracy(Matrix<double> probabilities, Matrix<double> targets, double threshold)
    {
        var truth = TargetClasses(targets, probabilities.Rows);
        if (truth is null) return null;
        var predicted = Predict(probabilities, threshold);
        int correct = 0;
        for (int j = 0; j < truth.Length; j++) if (truth[j] == predicted[j]) correct++;
        return truth.Length == 0 ? null : (double)correct / truth.Length;
    }

    private static bool IsOneHot(Matrix<double> targets, int column)
    {
        int ones = 0;
        for (int i = 0; i < targets.Rows; i++)
        {
            double v = targets[i, column];
            if (v == 1) ones++;
            else if (v != 0) return false;
        }
        return ones == 1;
    }

    private static int ArgMax(Matrix<double> m, int column)
    {
        int best = 0;
        for (int i = 1; i < m.Rows; i++) if (m[i, column] > m[best, column]) best = i;
        return best;
    }
}

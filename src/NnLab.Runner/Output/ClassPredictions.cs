namespace NnLab.Runner.Output;

/// <summary>
/// Turns network outputs into class predictions: with one output, 1 when output ≥ threshold else 0; with k outputs,
/// the index of the largest. Accuracy compares them with the targets read the same way.
/// </summary>
internal static class ClassPredictions
{
    /// <summary>The predicted class of each example (column).</summary>
    public static int[] Predict(Matrix outputs, double threshold)
    {
        var classes = new int[outputs.Cols];
        for (int j = 0; j < outputs.Cols; j++)
            classes[j] = outputs.Rows == 1 ? (outputs[0, j] >= threshold ? 1 : 0) : ArgMax(outputs, j);
        return classes;
    }

    /// <summary>
    /// The fraction of examples predicted right, or null when the targets are not class labels
    /// (a single target that is not 0 or 1: a regression, where accuracy means nothing).
    /// </summary>
    public static double? Accuracy(int[] predicted, Matrix targets)
    {
        if (targets.Cols == 0) return null;
        int correct = 0;
        for (int j = 0; j < targets.Cols; j++)
        {
            int? label = TargetClass(targets, j);
            if (label is null) return null;
            if (label == predicted[j]) correct++;
        }
        return (double)correct / targets.Cols;
    }

    private static int? TargetClass(Matrix targets, int column)
    {
        if (targets.Rows > 1) return ArgMax(targets, column);
        double value = targets[0, column];
        return value is 0.0 or 1.0 ? (int)value : null;
    }

    private static int ArgMax(Matrix values, int column)
    {
        int best = 0;
        for (int i = 1; i < values.Rows; i++)
            if (values[i, column] > values[best, column]) best = i;
        return best;
    }
}

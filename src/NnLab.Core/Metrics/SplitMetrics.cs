namespace NnLab.Metrics;

/// <summary>Precision, recall and F1 of one class (one-vs-rest), with how many examples truly belong to it.</summary>
public sealed record ClassScores(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// How well a network does on one split: its cost, and for classification the accuracy, per-class scores and the
/// confusion matrix (rows: true class, columns: predicted); for regression the mean squared and absolute errors and R².
/// </summary>
public sealed record SplitMetrics(int Examples, double Cost)
{
    public double? Accuracy { get; init; }
    public IReadOnlyList<ClassScores>? Classes { get; init; }
    public int[][]? ConfusionMatrix { get; init; }
    public double? MeanSquaredError { get; init; }
    public double? MeanAbsoluteError { get; init; }
    public double? R2 { get; init; }

    /// <summary>
    /// Scores <paramref name="outputs"/> (probabilities, outputs × m) against <paramref name="targets"/>. Classes are
    /// named by <paramref name="labels"/> when the data had string labels, else by their index.
    /// </summary>
    public static SplitMetrics Compute(double cost, Matrix<double> outputs, Matrix<double> targets, double threshold,
        IReadOnlyList<string>? labels)
    {
        var truth = Classification.TargetClasses(targets, outputs.Rows);
        return truth is null
            ? Regression(cost, outputs, targets)
            : Classify(cost, truth, Classification.Predict(outputs, threshold), outputs.Rows == 1 ? 2 : outputs.Rows, labels);
    }

    private static SplitMetrics Classify(double cost, int[] truth, int[] predicted, int classCount, IReadOnlyList<string>? labels)
    {
        var confusion = new int[classCount][];
        for (int c = 0; c < classCount; c++) confusion[c] = new int[classCount];
        int correct = 0;
        for (int j = 0; j < truth.Length; j++)
        {
            confusion[truth[j]][predicted[j]]++;
            if (truth[j] == predicted[j]) correct++;
        }
        var classes = new ClassScores[classCount];
        for (int c = 0; c < classCount; c++)
        {
            int truePositives = confusion[c][c];
            int support = confusion[c].Sum();
            int predictedAs = confusion.Sum(row => row[c]);
            // A class never predicted (or never present) has precision (recall) 0, as scikit-learn reports with zero_division=0.
            double precision = predictedAs == 0 ? 0 : (double)truePositives / predictedAs;
            double recall = support == 0 ? 0 : (double)truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes[c] = new ClassScores(labels is not null && c < labels.Count ? labels[c] : c.ToString(), precision, recall, f1, support);
        }
        return new SplitMetrics(truth.Length, cost)
        {
            Accuracy = truth.Length == 0 ? null : (double)correct / truth.Length,
            Classes = classes,
            ConfusionMatrix = confusion,
        };
    }

    // R² per output column around that column's mean, averaged over outputs (scikit-learn's uniform_average).
    private static SplitMetrics Regression(double cost, Matrix<double> outputs, Matrix<double> targets)
    {
        double squares = 0, absolutes = 0, r2 = 0;
        for (int i = 0; i < targets.Rows; i++)
        {
            var y = targets.Row(i);
            var p = outputs.Row(i);
            double mean = 0;
            foreach (double v in y) mean += v;
            mean /= y.Length;
            double residual = 0, total = 0;
            for (int j = 0; j < y.Length; j++)
            {
                double e = y[j] - p[j];
                squares += e * e;
                absolutes += Math.Abs(e);
                residual += e * e;
                total += (y[j] - mean) * (y[j] - mean);
            }
            r2 += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
        }
        int values = targets.Length;
        return new SplitMetrics(targets.Cols, cost)
        {
            MeanSquaredError = squares / values,
            MeanAbsoluteError = absolutes / values,
            R2 = r2 / targets.Rows,
        };
    }
}

using NnLab.Experiments;
using NnLab.Metrics;
using NnLab.Numerics;
using NnLab.Runner.IO;

namespace NnLab.Runner.Output;

/// <summary>
/// predictions.csv, one row per example: the inputs as the network saw them, the targets, the network's outputs with
/// the kept weights ("output", or output1..k) and the predicted class ("prediction"). With string class labels the
/// target and the prediction are written as those labels; with held-out splits every split's rows follow the
/// training rows, with a last column "split".
/// </summary>
internal static class PredictionsCsv
{
    /// <summary>Writes <paramref name="splits"/> (name, data, outputs), training first.</summary>
    public static void Write(string path, ExperimentData data, IReadOnlyList<(string Name, DataSplit Split, Matrix<double> Outputs)> splits,
        double threshold, Precision precision) =>
        AtomicFile.WriteText(path, writer =>
        {
            bool withSplit = splits.Count > 1;
            var header = Header(data, splits[0].Outputs.Rows);
            Csv.WriteRow(writer, withSplit ? header.Append("split") : header);
            foreach (var (name, split, outputs) in splits)
            {
                var predicted = Classification.Predict(outputs, threshold);
                for (int j = 0; j < outputs.Cols; j++)
                {
                    var cells = Column(split.Inputs, j).Concat(Targets(data, split.Targets, j)).Concat(Column(outputs, j, precision))
                        .Append(Label(data, predicted[j]));
                    Csv.WriteRow(writer, withSplit ? cells.Append(name) : cells);
                }
            }
        });

    private static IEnumerable<string> Header(ExperimentData data, int outputCount)
    {
        var outputs = outputCount == 1
            ? ["output"]
            : Enumerable.Range(1, outputCount).Select(k => $"output{k}");
        return data.InputNames.Concat(data.TargetNames).Select(Csv.Text).Concat(outputs).Append("prediction");
    }

    private static IEnumerable<string> Targets(ExperimentData data, Matrix<double> targets, int column) =>
        data.ClassLabels is null ? Column(targets, column) : [Label(data, (int)targets[0, column])];

    private static string Label(ExperimentData data, int predicted) =>
        data.ClassLabels is { } labels ? Csv.Text(labels[predicted]) : Csv.Number(predicted);

    private static IEnumerable<string> Column(Matrix<double> matrix, int column, Precision precision = Precision.Float64) =>
        Enumerable.Range(0, matrix.Rows).Select(i => Csv.Number(matrix[i, column], precision));
}

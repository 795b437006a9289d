using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Runner.IO;

namespace NnLab.Runner.Output;

/// <summary>
/// predictions.csv, one row per example: the inputs, the targets, the network's outputs with the final weights
/// ("output", or output1..k) and the predicted class ("prediction").
/// </summary>
internal static class PredictionsCsv
{
    public static void Write(string path, ExperimentData data, Matrix<double> outputs, int[] predicted, Precision precision) =>
        AtomicFile.WriteText(path, writer =>
        {
            Csv.WriteRow(writer, Header(data, outputs.Rows));
            for (int j = 0; j < outputs.Cols; j++)
                Csv.WriteRow(writer, Column(data.Inputs, j).Concat(Column(data.Targets, j)).Concat(Column(outputs, j, precision))
                    .Append(Csv.Number(predicted[j])));
        });

    private static IEnumerable<string> Header(ExperimentData data, int outputCount)
    {
        var outputs = outputCount == 1
            ? ["output"]
            : Enumerable.Range(1, outputCount).Select(k => $"output{k}");
        return data.InputNames.Concat(data.TargetNames).Select(Csv.Text).Concat(outputs).Append("prediction");
    }

    private static IEnumerable<string> Column(Matrix<double> matrix, int column, Precision precision = Precision.Float64) =>
        Enumerable.Range(0, matrix.Rows).Select(i => Csv.Number(matrix[i, column], precision));
}

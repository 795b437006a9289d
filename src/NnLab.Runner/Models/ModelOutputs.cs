using System.Text.Json;
using NnLab.Experiments;
using NnLab.Metrics;
using NnLab.Runner.Output;

namespace NnLab.Runner.Models;

/// <summary>How <c>nnlab predict</c> and <c>nnlab evaluate</c> write what a model computed.</summary>
public static class ModelOutputs
{
    /// <summary>
    /// The predictions as CSV: every column of <paramref name="table"/> as read (so ids, labels and a split column
    /// travel with their rows), then the outputs (<c>output</c> or <c>output1..k</c>, as predictions.csv writes them)
    /// and <c>prediction</c> (the class label, or index). A data column with an output column's name is left out.
    /// </summary>
    public static void WritePredictionsCsv(TextWriter writer, RawTable table, ModelPredictions predictions)
    {
        var outputNames = predictions.OutputNames.Append("prediction").ToHashSet();
        var kept = Enumerable.Range(0, table.Columns.Count).Where(c => !outputNames.Contains(table.Columns[c])).ToArray();
        Csv.WriteRow(writer, kept.Select(c => Csv.Text(table.Columns[c])).Concat(predictions.OutputNames).Append("prediction"));
        for (int r = 0; r < predictions.Count; r++)
            Csv.WriteRow(writer, kept.Select(c => Csv.Text(table.Rows[r][c])).Concat(predictions.OutputTexts(r)).Append(Csv.Text(predictions.Label(r))));
    }

    /// <summary>
    /// The metrics as JSON: <c>model</c>, <c>data</c>, and <c>metrics</c> with exactly the fields (and number forms) of a
    /// split in summary.json (<c>examples</c>, <c>cost</c>, <c>accuracy</c>, <c>classes</c>, <c>confusion_matrix</c>,
    /// <c>mean_squared_error</c>, <c>mean_absolute_error</c>, <c>r2</c>).
    /// </summary>
    public static void WriteMetricsJson(Stream stream, string model, string data, SplitMetrics metrics)
    {
        using (var writer = RunJson.CreateWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteString("data", data);
            SummaryJson.WriteSplit(writer, "metrics", metrics);
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }
}

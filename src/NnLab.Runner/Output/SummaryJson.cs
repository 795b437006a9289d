using NnLab.Metrics;
using System.Text.Json;

namespace NnLab.Runner.Output;

/// <summary>
/// summary.json, written field by field in <see cref="RunSummary"/>'s order, byte for byte what the serializer
/// writes with <see cref="RunJson.Options"/> (a test holds the two equal, so a new field must be added here too).
/// </summary>
internal static class SummaryJson
{
    public static void Write(string path, RunSummary summary) => RunJson.WriteDocument(path, writer => WriteTo(writer, summary));

    internal static void WriteTo(Utf8JsonWriter writer, RunSummary s)
    {
        writer.WriteStartObject();
        writer.WriteString("status", RunJson.EnumText(s.Status));
        writer.WriteString("reason", s.Reason);
        writer.WriteString("name", s.Name);
        writer.WriteNumber("seed", s.Seed);
        writer.WriteNumber("epochs_requested", s.EpochsRequested);
        writer.WriteNumber("epochs_completed", s.EpochsCompleted);
        RunJson.WriteNumber(writer, "final_cost", s.FinalCost);
        RunJson.WriteNumber(writer, "last_epoch_cost", s.LastEpochCost);
        RunJson.WriteNumber(writer, "accuracy", s.Accuracy);
        RunJson.WriteNumber(writer, "wall_time_seconds", s.WallTimeSeconds);
        writer.WriteString("nnlab_version", s.NnlabVersion);
        writer.WriteString("kernels", s.Kernels);
        writer.WriteString("precision", s.Precision);
        writer.WriteNumber("batch_size", s.BatchSize);
        writer.WriteStartArray("overrides");
        foreach (var applied in s.Overrides) writer.WriteStringValue(applied);
        writer.WriteEndArray();
        writer.WriteString("run_folder", s.RunFolder);
        writer.WriteString("started_utc", s.StartedUtc);
        if (s.BestEpoch is { } best) writer.WriteNumber("best_epoch", best);
        else writer.WriteNull("best_epoch");
        writer.WriteBoolean("stopped_early", s.StoppedEarly);
        writer.WriteString("data_sha256", s.DataSha256);
        WriteStrings(writer, "class_labels", s.ClassLabels);
        WriteSplit(writer, "train", s.Train);
        WriteSplit(writer, "validation", s.Validation);
        WriteSplit(writer, "test", s.Test);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartArray(name);
        foreach (string value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    internal static void WriteSplit(Utf8JsonWriter writer, string name, SplitMetrics? m)
    {
        if (m is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartObject(name);
        writer.WriteNumber("examples", m.Examples);
        RunJson.WriteNumber(writer, "cost", m.Cost);
        RunJson.WriteNumber(writer, "accuracy", m.Accuracy);
        if (m.Classes is null) writer.WriteNull("classes");
        else
        {
            writer.WriteStartArray("classes");
            foreach (var c in m.Classes)
            {
                writer.WriteStartObject();
                writer.WriteString("label", c.Label);
                RunJson.WriteNumber(writer, "precision", c.Precision);
                RunJson.WriteNumber(writer, "recall", c.Recall);
                RunJson.WriteNumber(writer, "f1", c.F1);
                writer.WriteNumber("support", c.Support);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (m.ConfusionMatrix is null) writer.WriteNull("confusion_matrix");
        else
        {
            writer.WriteStartArray("confusion_matrix");
            foreach (var row in m.ConfusionMatrix)
            {
                writer.WriteStartArray();
                foreach (int count in row) writer.WriteNumberValue(count);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        RunJson.WriteNumber(writer, "mean_squared_error", m.MeanSquaredError);
        RunJson.WriteNumber(writer, "mean_absolute_error", m.MeanAbsoluteError);
        RunJson.WriteNumber(writer, "r2", m.R2);
        writer.WriteEndObject();
    }
}

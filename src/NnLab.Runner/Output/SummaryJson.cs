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
        writer.WriteEndObject();
    }
}

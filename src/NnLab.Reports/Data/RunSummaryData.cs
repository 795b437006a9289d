using System.Globalization;
using System.Text.Json;

namespace NnLab.Reports.Data;

/// <summary>
/// What a run folder's summary.json says, read leniently: every field is optional, so summaries from older NnLab
/// versions, a running run's first summary and hand-written ones all load. <see cref="Json"/> keeps the whole document.
/// </summary>
internal sealed class RunSummaryData
{
    private RunSummaryData(JsonElement root) => Json = root;

    public JsonElement Json { get; }

    public string? Status => Str("status");
    public string? Reason => Str("reason");
    public string? Name => Str("name");
    public double? Seed => Num("seed");
    public double? EpochsRequested => Num("epochs_requested");
    public double? EpochsCompleted => Num("epochs_completed");
    public double? FinalCost => Num("final_cost");
    public double? Accuracy => Num("accuracy");
    public double? WallTimeSeconds => Num("wall_time_seconds");
    public string? Version => Str("nnlab_version");
    public string? Kernels => Str("kernels");
    public string? Precision => Str("precision");
    public double? BatchSize => Num("batch_size");
    public double? BestEpoch => Num("best_epoch");
    public bool StoppedEarly => Json.TryGetProperty("stopped_early", out var e) && e.ValueKind == JsonValueKind.True;
    public string? StartedUtc => Str("started_utc");

    public DateTimeOffset? Started =>
        DateTimeOffset.TryParse(StartedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public IReadOnlyList<string> Overrides => Strings("overrides") ?? [];

    public IReadOnlyList<string>? ClassLabels => Strings("class_labels");

    /// <summary>An array's items as text, or null when there is no such array (a loop: LINQ over JsonElement is compiled at run time).</summary>
    private List<string>? Strings(string name)
    {
        if (!Json.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array) return null;
        var items = new List<string>();
        foreach (var item in array.EnumerateArray()) items.Add(item.ToString());
        return items;
    }

    /// <summary>The train, validation or test section, when summary.json has it (null otherwise).</summary>
    public JsonElement? Section(string name) =>
        Json.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.Object ? s : null;

    public double? ValidationCost => Section("validation") is { } v ? Number(v, "cost") : null;
    public double? ValidationAccuracy => Section("validation") is { } v ? Number(v, "accuracy") : null;

    /// <summary>Parses summary.json's text; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    public static RunSummaryData Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("summary.json is not a JSON object");
        return new RunSummaryData(document.RootElement.Clone());
    }

    /// <summary>A number, also when written as "NaN", "Infinity" or "-Infinity" (a diverged run's costs); null when absent.</summary>
    public static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) ? Number(v) : null;

    public static double? Number(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => null,
    };

    private string? Str(string name) =>
        Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private double? Num(string name) => Number(Json, name);
}

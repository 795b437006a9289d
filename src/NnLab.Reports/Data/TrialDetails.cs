using System.Text.Json;

namespace NnLab.Reports.Data;

/// <summary>A trial's texts and the numbers only its own table row shows: what <see cref="SweepTrials"/> leaves in trials.json.</summary>
internal sealed record TrialDetails(string Label, string? Reason, string? RunFolder, double? WallTimeSeconds)
{
    public static TrialDetails Of(JsonElement trial)
    {
        string? Text(string name) => trial.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new TrialDetails(Text("label") ?? "", Text("reason"), Text("run_folder"), RunSummaryData.Number(trial, "wall_time_seconds"));
    }

    /// <summary>
    /// The details of the trials at <paramref name="positions"/>, by position: each record read where the trials were
    /// found in <paramref name="manifest"/>; when the file changed since (a running sweep rewrites it), by reading it
    /// through once more.
    /// </summary>
    public static Dictionary<int, TrialDetails> Read(string manifest, SweepTrials trials, (DateTime, long) readStamp, IEnumerable<int> positions)
    {
        var wanted = positions.ToHashSet();
        var details = new Dictionary<int, TrialDetails>();
        if (wanted.Count == 0) return details;
        if (Stamp(manifest) == readStamp && ReadAtOffsets(manifest, trials, wanted, details)) return details;
        details.Clear();
        int position = 0;
        JsonObjectStream.Read(manifest, "trials", (_, _) => { },
            trial =>
            {
                if (trial.ValueKind != JsonValueKind.Object) return;
                if (wanted.Contains(position) && position < trials.Count) details[position] = Of(trial);
                position++;
            });
        return details;
    }

    /// <summary>When the file was last written and its length: what tells that it changed since it was read.</summary>
    public static (DateTime, long) Stamp(string manifest)
    {
        var file = new FileInfo(manifest);
        return (file.LastWriteTimeUtc, file.Length);
    }

    /// <summary>Reads each wanted record at its offset; false when one there is not the trial expected.</summary>
    private static bool ReadAtOffsets(string manifest, SweepTrials trials, HashSet<int> wanted, Dictionary<int, TrialDetails> details)
    {
        using var stream = new FileStream(manifest, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        foreach (int position in wanted.Order())
        {
            try
            {
                using var record = JsonObjectStream.ValueAt(stream, trials.OffsetAt(position));
                var trial = record.RootElement;
                if (trial.ValueKind != JsonValueKind.Object || !trial.TryGetProperty("index", out var index)
                    || !index.TryGetInt32(out int number) || number != trials.IndexAt(position)) return false;
                details[position] = Of(trial);
            }
            catch (JsonException)
            {
                return false;
            }
        }
        return true;
    }
}

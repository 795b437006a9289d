using System.Globalization;
using System.Text.Json;

namespace NnLab.Reports.Data;

/// <summary>
/// A sweep folder: trials.json (the manifest), summary.csv (per-trial numbers) and costs.csv (every trial's curve, long
/// format). Columns a newer NnLab adds (validation, groups.csv) are read when present and not required.
/// </summary>
internal sealed class SweepFolderData
{
    public const string ManifestFile = "trials.json";
    public const string SummaryFile = "summary.csv";
    public const string CostsFile = "costs.csv";
    public const string GroupsFile = "groups.csv";

    public required string Folder { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required string Mode { get; init; }
    public required int Repeats { get; init; }
    public required IReadOnlyList<string> ParameterNames { get; init; }
    public required SweepTrials Trials { get; init; }

    /// <summary>trials.json as it was read (when it was written, its length): tells <see cref="Details"/> where to read.</summary>
    private (DateTime, long) ManifestStamp { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public bool HasValidation { get; init; }
    public bool HasGroupsCsv { get; init; }

    /// <summary>
    /// The swept settings: the parameters without the repeat number and the seed, whether the seed derives from the
    /// repeat or is an axis of its own. A seed is no setting to compare (its values are arbitrary labels of a random
    /// draw): trials that differ only in their seed are repeats of one setting, grouped as repeats are.
    /// </summary>
    public IReadOnlyList<string> Axes => ParameterNames.Where(n => n is not ("repeat" or SeedAxis)).ToList();

    /// <summary>The experiment's seed as a sweep parameter.</summary>
    public const string SeedAxis = "seed";

    /// <summary>Whether trials of one setting can differ in their seed: repeats, or the seed swept as an axis.</summary>
    public bool SeedsVary => Repeats > 1 || ParameterNames.Contains(SeedAxis);

    /// <summary>Whether the sweep drew its values at random (mode random) rather than taking every combination of lists.</summary>
    public bool IsRandom => Mode == "random";

    public static bool IsSweepFolder(string folder) => File.Exists(Path.Combine(folder, ManifestFile));

    /// <summary>
    /// Reads the folder; <paramref name="curves"/> false skips costs.csv (for listings). Every file is read as a stream
    /// (trials.json trial by trial, the CSV files row by row) into <see cref="SweepTrials"/>' columns: memory grows by
    /// about 60 bytes a trial. No curve is kept: <see cref="Curves"/> reads the ones a chart draws.
    /// </summary>
    public static SweepFolderData Read(string folder, bool curves = true)
    {
        var trials = new SweepTrials();
        var top = new Dictionary<string, string?>(StringComparer.Ordinal);
        List<string>? names = null;
        string manifest = Path.Combine(folder, ManifestFile);
        var stamp = TrialDetails.Stamp(manifest);
        JsonObjectStream.Read(manifest, "trials",
            (name, value) =>
            {
                if (name == "parameter_names" && value.ValueKind == JsonValueKind.Array) names = value.EnumerateArray().Select(v => v.ToString()).ToList();
                else if (value.ValueKind is JsonValueKind.String) top[name] = value.GetString();
                else if (value.ValueKind is JsonValueKind.Number) top[name] = value.GetRawText();
            },
            (t, offset) =>
            {
                if (t.ValueKind != JsonValueKind.Object) return;
                if (trials.Count == EstimateAfter) trials.Reserve(EstimatedCount(stamp.Item2, trials.OffsetAt(0), offset));
                trials.Add(t, offset);
            });
        names ??= [.. trials.ParameterNames];
        ReadSummaryCsv(folder, trials);
        if (curves) SweepCostsCsv.Read(Path.Combine(folder, CostsFile), trials, _ => true, trials.SetCurve);
        trials.Trim();
        string? Top(string name) => top.GetValueOrDefault(name);
        return new SweepFolderData
        {
            Folder = folder,
            Name = Top("name") ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')),
            Status = Top("status") ?? "unknown",
            Mode = Top("mode") ?? "grid",
            Repeats = int.TryParse(Top("repeats"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) ? r : 1,
            ParameterNames = names,
            Trials = trials,
            ManifestStamp = stamp,
            Updated = DateTimeOffset.TryParse(Top("updated_utc"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var u) ? u : null,
            HasValidation = trials.HasValidation,
            HasGroupsCsv = File.Exists(Path.Combine(folder, GroupsFile)),
        };
    }

    /// <summary>After this many trials, the room for all of them is reserved from their estimated number.</summary>
    private const int EstimateAfter = 1024;

    /// <summary>
    /// How many trials a trials.json of <paramref name="length"/> bytes holds, from where the first and the
    /// <see cref="EstimateAfter"/>-th records start: records of a sweep are alike in length (their labels padded to
    /// one width), and a few percent more than that spare a doubling when later ones are shorter.
    /// </summary>
    private static int EstimatedCount(long length, long first, long next)
    {
        double perTrial = (double)(next - first) / EstimateAfter;
        return (int)Math.Min(int.MaxValue / 2, (length - first) / perTrial * 1.03 + 16);
    }

    /// <summary>The texts of the given trials (a table's rows, the best trial), read again from trials.json, by position.</summary>
    public IReadOnlyDictionary<int, TrialDetails> Details(IEnumerable<SweepTrial> trials) =>
        TrialDetails.Read(Path.Combine(Folder, ManifestFile), Trials, ManifestStamp, trials.Select(t => t.Position));

    /// <summary>The curves of the trials at the positions <paramref name="wanted"/> accepts, read again from costs.csv, by position.</summary>
    public Dictionary<int, Curve> Curves(Func<int, bool> wanted)
    {
        var curves = new Dictionary<int, Curve>();
        SweepCostsCsv.Read(Path.Combine(Folder, CostsFile), Trials, wanted, (position, epochs, costs) => curves[position] = new Curve(epochs.ToArray(), costs.ToArray()));
        return curves;
    }

    // summary.csv: initial_cost, best_epoch and, when the sweep scored a validation split, its cost.
    private static void ReadSummaryCsv(string folder, SweepTrials trials)
    {
        if (CsvTable.Stream(Path.Combine(folder, SummaryFile)) is not var (table, rows)) return;
        int trial = table.IndexOf("trial"), bestEpoch = table.IndexOf("best_epoch"), initial = table.IndexOf("initial_cost");
        int validation = new[] { "validation_cost", "final_validation_cost", "best_validation_cost" }.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        foreach (var row in rows)
            if (trials.TryPosition(CsvTable.Number(row, trial), out int position))
                trials.SetSummary(position, CsvTable.Number(row, initial), CsvTable.Number(row, bestEpoch), CsvTable.Number(row, validation));
    }
}

using System.Globalization;
using System.Text.Json;

namespace NnLab.Reports.Data;

/// <summary>One trial of a sweep as its folder's files describe it.</summary>
internal sealed class TrialData
{
    public required int Index { get; init; }
    public required string Label { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public string? RunFolder { get; init; }
    public double FinalCost { get; init; } = double.NaN;
    public double? Accuracy { get; init; }
    public double? EpochsCompleted { get; init; }
    public double? WallTimeSeconds { get; init; }
    public DateTimeOffset? Started { get; init; }

    /// <summary>From summary.csv when it has them.</summary>
    public double InitialCost { get; set; } = double.NaN;
    public double BestCost { get; set; } = double.NaN;
    public double BestEpoch { get; set; } = double.NaN;

    /// <summary>The validation cost of the kept weights (summary.csv's validation column, when the sweep has one).</summary>
    public double ValidationCost { get; set; } = double.NaN;

    public Curve Curve { get; set; } = Curve.Empty;

    public double FinalToInitial => FinalCost / (double.IsNaN(InitialCost) && Curve.Count > 0 ? Curve.Costs[0] : InitialCost);

    public bool Diverged => Status == "diverged";
    public bool Finished => Status is "completed" or "diverged";
}

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
    public required IReadOnlyList<TrialData> Trials { get; init; }
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
    /// (trials.json trial by trial, the CSV files row by row), so memory grows with the trials' own numbers only.
    /// </summary>
    public static SweepFolderData Read(string folder, bool curves = true)
    {
        var trials = new List<TrialData>();
        var top = new Dictionary<string, string?>(StringComparer.Ordinal);
        List<string>? names = null;
        JsonObjectStream.Read(Path.Combine(folder, ManifestFile), "trials",
            (name, value) =>
            {
                if (name == "parameter_names" && value.ValueKind == JsonValueKind.Array) names = value.EnumerateArray().Select(v => v.ToString()).ToList();
                else if (value.ValueKind is JsonValueKind.String) top[name] = value.GetString();
                else if (value.ValueKind is JsonValueKind.Number) top[name] = value.GetRawText();
            },
            t => { if (t.ValueKind == JsonValueKind.Object) trials.Add(Trial(t)); });
        names ??= trials.SelectMany(t => t.Parameters.Keys).Distinct().ToList();
        bool validation = ReadSummaryCsv(folder, trials);
        if (curves) ReadCosts(folder, trials);
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
            Updated = DateTimeOffset.TryParse(Top("updated_utc"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var u) ? u : null,
            HasValidation = validation,
            HasGroupsCsv = File.Exists(Path.Combine(folder, GroupsFile)),
        };
    }

    private static TrialData Trial(JsonElement t)
    {
        string? Str(string name) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new TrialData
        {
            Index = t.GetProperty("index").GetInt32(),
            Label = Str("label") ?? "",
            Parameters = t.TryGetProperty("parameters", out var ps) && ps.ValueKind == JsonValueKind.Object
                ? ps.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                : new Dictionary<string, string>(),
            Status = Shared(Str("status") ?? "pending"),
            Reason = Str("reason"),
            RunFolder = Str("run_folder"),
            FinalCost = RunSummaryData.Number(t, "final_cost") ?? double.NaN,
            Accuracy = RunSummaryData.Number(t, "accuracy"),
            EpochsCompleted = RunSummaryData.Number(t, "epochs_completed"),
            WallTimeSeconds = RunSummaryData.Number(t, "wall_time_seconds"),
            Started = DateTimeOffset.TryParse(Str("started_utc"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : null,
        };
    }

    /// <summary>One string per status, not one per trial.</summary>
    private static string Shared(string status) => status switch
    {
        "completed" => "completed", "diverged" => "diverged", "failed" => "failed", "cancelled" => "cancelled",
        "pending" => "pending", "running" => "running", "crashed" => "crashed", "preempted" => "preempted",
        _ => status,
    };

    // summary.csv: best_cost, best_epoch, initial_cost and, when the sweep scored a validation split, its cost.
    private static bool ReadSummaryCsv(string folder, List<TrialData> trials)
    {
        if (CsvTable.Stream(Path.Combine(folder, SummaryFile)) is not var (table, rows)) return false;
        int trial = table.IndexOf("trial"), best = table.IndexOf("best_cost"), bestEpoch = table.IndexOf("best_epoch"),
            initial = table.IndexOf("initial_cost");
        int validation = new[] { "validation_cost", "final_validation_cost", "best_validation_cost" }.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        var byIndex = ByIndex(trials);
        bool any = false;
        foreach (var row in rows)
        {
            if (!byIndex(CsvTable.Number(row, trial), out var t)) continue;
            t.BestCost = CsvTable.Number(row, best);
            t.BestEpoch = CsvTable.Number(row, bestEpoch);
            t.InitialCost = CsvTable.Number(row, initial);
            t.ValidationCost = CsvTable.Number(row, validation);
            any |= !double.IsNaN(t.ValidationCost);
        }
        return any;
    }

    private delegate bool TrialLookup(double index, out TrialData trial);

    /// <summary>Finds a trial by its index: straight into the list when the indexes are its positions (they always are in
    /// a sweep NnLab wrote), through a dictionary otherwise.</summary>
    private static TrialLookup ByIndex(List<TrialData> trials)
    {
        if (trials.Select((t, i) => t.Index == i).All(x => x))
            return (double index, out TrialData trial) =>
            {
                bool found = index >= 0 && index < trials.Count && index == Math.Floor(index);
                trial = found ? trials[(int)index] : null!;
                return found;
            };
        var map = trials.GroupBy(t => t.Index).ToDictionary(g => g.Key, g => g.Last());
        return (double index, out TrialData trial) => map.TryGetValue((int)index, out trial!) && index == Math.Floor(index);
    }

    // costs.csv, long format: trial, <parameters…>, epoch, cost[, validation_cost]; rows of a trial are consecutive.
    private static void ReadCosts(string folder, List<TrialData> trials)
    {
        string path = Path.Combine(folder, CostsFile);
        if (!File.Exists(path)) return;
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',');
        if (header is null) return;
        int trial = Array.IndexOf(header, "trial"), epoch = Array.IndexOf(header, "epoch"), cost = Array.IndexOf(header, "cost"),
            validation = Array.IndexOf(header, "validation_cost");
        if (trial < 0 || epoch < 0 || cost < 0) return;
        // Parameter values may be quoted and hold commas, but trial is first and epoch, cost (and validation) come
        // last: counting from the end keeps the parse a plain split for every row.
        int fromEnd = header.Length - epoch;
        var byIndex = ByIndex(trials);
        // One trial's rows at a time, made into its curve when the next trial's begin.
        var epochs = new List<double>();
        var costs = new List<double>();
        var validations = new List<double>();
        int current = -1;
        void Flush()
        {
            if (current >= 0 && epochs.Count > 0 && byIndex(current, out var t))
                t.Curve = new Curve(epochs.ToArray(), costs.ToArray(),
                    validation >= 0 && validations.Any(double.IsFinite) ? validations.ToArray() : null);
            epochs.Clear();
            costs.Clear();
            validations.Clear();
        }
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var cells = line.Split(',');
            if (cells.Length < header.Length) continue;
            if (!int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)) continue;
            if (index != current)
            {
                Flush();
                current = index;
            }
            int e = cells.Length - fromEnd;
            epochs.Add(Parse(cells[e]));
            costs.Add(Parse(cells[e + (cost - epoch)]));
            if (validation >= 0) validations.Add(Parse(cells[e + (validation - epoch)]));
        }
        Flush();
    }

    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}

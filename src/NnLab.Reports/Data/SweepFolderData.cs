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

    /// <summary>Reads the folder; <paramref name="curves"/> false skips costs.csv (for listings).</summary>
    public static SweepFolderData Read(string folder, bool curves = true)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ManifestFile)));
        var root = document.RootElement;
        string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var trials = new List<TrialData>();
        if (root.TryGetProperty("trials", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var t in list.EnumerateArray())
                trials.Add(new TrialData
                {
                    Index = t.GetProperty("index").GetInt32(),
                    Label = Str(t, "label") ?? "",
                    Parameters = t.TryGetProperty("parameters", out var ps) && ps.ValueKind == JsonValueKind.Object
                        ? ps.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                        : new Dictionary<string, string>(),
                    Status = Str(t, "status") ?? "pending",
                    Reason = Str(t, "reason"),
                    RunFolder = Str(t, "run_folder"),
                    FinalCost = RunSummaryData.Number(t, "final_cost") ?? double.NaN,
                    Accuracy = RunSummaryData.Number(t, "accuracy"),
                    EpochsCompleted = RunSummaryData.Number(t, "epochs_completed"),
                    WallTimeSeconds = RunSummaryData.Number(t, "wall_time_seconds"),
                    Started = DateTimeOffset.TryParse(Str(t, "started_utc"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : null,
                });
        var names = root.TryGetProperty("parameter_names", out var pn) && pn.ValueKind == JsonValueKind.Array
            ? pn.EnumerateArray().Select(v => v.ToString()).ToList()
            : trials.SelectMany(t => t.Parameters.Keys).Distinct().ToList();
        bool validation = ReadSummaryCsv(folder, trials);
        if (curves) ReadCosts(folder, trials);
        return new SweepFolderData
        {
            Folder = folder,
            Name = Str(root, "name") ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')),
            Status = Str(root, "status") ?? "unknown",
            Mode = Str(root, "mode") ?? "grid",
            Repeats = root.TryGetProperty("repeats", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 1,
            ParameterNames = names,
            Trials = trials,
            Updated = DateTimeOffset.TryParse(Str(root, "updated_utc"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var u) ? u : null,
            HasValidation = validation,
            HasGroupsCsv = File.Exists(Path.Combine(folder, GroupsFile)),
        };
    }

    // summary.csv: best_cost, best_epoch, initial_cost and, when the sweep scored a validation split, its cost.
    private static bool ReadSummaryCsv(string folder, List<TrialData> trials)
    {
        if (CsvTable.TryRead(Path.Combine(folder, SummaryFile)) is not { } table) return false;
        int trial = table.IndexOf("trial"), best = table.IndexOf("best_cost"), bestEpoch = table.IndexOf("best_epoch"),
            initial = table.IndexOf("initial_cost");
        int validation = new[] { "validation_cost", "final_validation_cost", "best_validation_cost" }.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        var byIndex = trials.ToDictionary(t => t.Index);
        bool any = false;
        foreach (var row in table.Rows)
        {
            if (!byIndex.TryGetValue((int)CsvTable.Number(row, trial), out var t)) continue;
            t.BestCost = CsvTable.Number(row, best);
            t.BestEpoch = CsvTable.Number(row, bestEpoch);
            t.InitialCost = CsvTable.Number(row, initial);
            t.ValidationCost = CsvTable.Number(row, validation);
            any |= !double.IsNaN(t.ValidationCost);
        }
        return any;
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
        var byIndex = trials.ToDictionary(t => t.Index);
        var epochs = new Dictionary<int, List<double>>();
        var costs = new Dictionary<int, List<double>>();
        var validations = new Dictionary<int, List<double>>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var cells = line.Split(',');
            if (cells.Length < header.Length) continue;
            if (!int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)) continue;
            int e = cells.Length - fromEnd;
            Add(epochs, index, Parse(cells[e]));
            Add(costs, index, Parse(cells[e + (cost - epoch)]));
            if (validation >= 0) Add(validations, index, Parse(cells[e + (validation - epoch)]));
        }
        foreach (var (index, list) in epochs)
            if (byIndex.TryGetValue(index, out var t))
                t.Curve = new Curve(list.ToArray(), costs[index].ToArray(),
                    validations.TryGetValue(index, out var v) && v.Any(double.IsFinite) ? v.ToArray() : null);
    }

    private static void Add(Dictionary<int, List<double>> lists, int key, double value)
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        list.Add(value);
    }

    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}

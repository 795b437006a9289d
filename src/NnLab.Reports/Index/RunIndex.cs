using System.Text.Json;
using NnLab.Reports.Data;
using YamlDotNet.RepresentationModel;

namespace NnLab.Reports.Index;

/// <summary>One run or sweep found under a folder, as <c>nnlab runs</c> lists it.</summary>
public sealed record RunEntry
{
    /// <summary>"run" or "sweep".</summary>
    public required string Kind { get; init; }
    public required string Folder { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset? Started { get; init; }

    /// <summary>summary.json's (or trials.json's) status; <c>interrupted</c> when it says running but no process holds the folder's log.</summary>
    public required string Status { get; init; }
    public double? Epochs { get; init; }
    public double? FinalCost { get; init; }
    public double? ValidationCost { get; init; }
    public double? Accuracy { get; init; }
    public double? WallTimeSeconds { get; init; }

    /// <summary>config.resolved.yaml flattened: key path → value as one line of YAML (empty for a sweep or a folder without it).</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>For a sweep: how many trials.</summary>
    public int? Trials { get; init; }
}

/// <summary>A folder that <c>nnlab runs</c> did not list, and why.</summary>
public sealed record SkippedFolder(string Folder, string Reason);

/// <summary>Finds run and sweep folders under the given paths and reads what a listing shows (no charts, no curves).</summary>
public static class RunIndex
{
    private const int MaxDepth = 4;

    public static (IReadOnlyList<RunEntry> Entries, IReadOnlyList<SkippedFolder> Skipped) Scan(IEnumerable<string> roots)
    {
        var entries = new List<RunEntry>();
        var skipped = new List<SkippedFolder>();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root)) continue;
            var (found, empty) = Visit(root, 0, entries, skipped);
            if (!found) skipped.AddRange(empty.Where(e => e != root).Select(e => new SkippedFolder(e, "not a run or sweep folder")));
            else skipped.AddRange(empty.Select(e => new SkippedFolder(e, "not a run or sweep folder")));
        }
        MarkInterrupted(entries);
        return (entries, skipped);
    }

    /// <summary>Reads one folder (a run or a sweep); null with the reason when it is neither or is torn.</summary>
    public static RunEntry? Read(string folder, out string? problem)
    {
        problem = null;
        try
        {
            if (SweepFolderData.IsSweepFolder(folder)) return FromSweep(folder);
            if (!RunFolderData.IsRunFolder(folder))
            {
                problem = "not a run or sweep folder";
                return null;
            }
            string summaryPath = Path.Combine(folder, RunFolderData.SummaryFile);
            if (!File.Exists(summaryPath))
            {
                if (StartedWithoutSummary(folder) is { } started) return started;
                problem = "no summary.json";
                return null;
            }
            var s = RunSummaryData.Parse(File.ReadAllText(summaryPath));
            string configPath = Path.Combine(folder, RunFolderData.ResolvedConfigFile);
            return new RunEntry
            {
                Kind = "run",
                Folder = folder,
                Name = s.Name ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd('/'))) ?? folder,
                Started = s.Started,
                Status = s.Status ?? "unknown",
                Epochs = s.EpochsCompleted,
                FinalCost = s.FinalCost,
                ValidationCost = s.ValidationCost,
                Accuracy = s.Accuracy,
                WallTimeSeconds = s.WallTimeSeconds,
                Config = File.Exists(configPath) ? Flatten(File.ReadAllText(configPath)) : new Dictionary<string, string>(),
            };
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            problem = e is JsonException ? $"torn or not NnLab's: {e.Message}" : e.Message;
            return null;
        }
    }

    /// <summary>
    /// A run killed as it started, after its log and configs and before its summary.json: listed as running (so
    /// <c>interrupted</c> once no process has its log open), with its name and the time its configs were written.
    /// </summary>
    private static RunEntry? StartedWithoutSummary(string folder)
    {
        string configPath = Path.Combine(folder, RunFolderData.ResolvedConfigFile);
        if (!File.Exists(configPath) || !File.Exists(Path.Combine(folder, "log.jsonl"))) return null;
        var config = Flatten(File.ReadAllText(configPath));
        return new RunEntry
        {
            Kind = "run",
            Folder = folder,
            Name = config.TryGetValue("name", out string? name) ? name : Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')),
            Started = File.GetLastWriteTimeUtc(configPath),
            Status = "running",
            Epochs = 0,
            Config = config,
        };
    }

    private static (bool Found, List<string> Empty) Visit(string folder, int depth, List<RunEntry> entries, List<SkippedFolder> skipped)
    {
        if (ReportWriter.IsReportable(folder))
        {
            if (Read(folder, out string? problem) is { } entry) entries.Add(entry);
            else skipped.Add(new SkippedFolder(folder, problem!));
            return (true, []);
        }
        if (depth >= MaxDepth) return (false, [folder]);
        bool found = false;
        var empty = new List<string>();
        string[] children;
        try { children = Directory.GetDirectories(folder); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (false, [folder]); }
        Array.Sort(children, StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (Path.GetFileName(child).StartsWith('.')) continue;
            var (f, e) = Visit(child, depth + 1, entries, skipped);
            found |= f;
            empty.AddRange(e);
        }
        return found ? (true, empty) : (false, [folder]);
    }

    private static RunEntry FromSweep(string folder)
    {
        var sweep = SweepFolderData.Read(folder, curves: false);
        var best = sweep.Trials.Where(t => t.Status == "completed").OrderBy(t => sweep.HasValidation ? t.ValidationCost : t.FinalCost)
            .Select(t => (SweepTrial?)t).FirstOrDefault();
        return new RunEntry
        {
            Kind = "sweep",
            Folder = folder,
            Name = sweep.Name,
            Started = sweep.Trials.FirstStarted ?? sweep.Updated,
            Status = sweep.Status,
            FinalCost = best?.FinalCost,
            ValidationCost = best is { ValidationCost: var validation } && double.IsFinite(validation) ? validation : null,
            Accuracy = best?.Accuracy,
            WallTimeSeconds = sweep.Trials.TotalWallTimeSeconds,
            Trials = sweep.Trials.Count,
        };
    }

    /// <summary>
    /// config.resolved.yaml as key path → one-line value: nested mappings by dotted keys, the model's layers by index
    /// (<c>model[0].linear.units</c>), any other list as one value.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Flatten(string yaml)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count > 0) Add(result, "", stream.Documents[0].RootNode);
        return result;
    }

    private static void Add(Dictionary<string, string> result, string path, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                    Add(result, path.Length == 0 ? key.ToString() : $"{path}.{key}", value);
                break;
            case YamlSequenceNode sequence when path == "model":
                for (int i = 0; i < sequence.Children.Count; i++) Add(result, $"{path}[{i}]", sequence.Children[i]);
                break;
            case YamlSequenceNode sequence:
                result[path] = Text(sequence);
                break;
            default:
                result[path] = node.ToString();
                break;
        }
    }

    private static string Text(YamlNode node) => node switch
    {
        YamlSequenceNode s => "[" + string.Join(", ", s.Children.Select(Text)) + "]",
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(c => $"{c.Key}: {Text(c.Value)}")) + "}",
        _ => node.ToString(),
    };

    /// <summary>The config keys whose values differ between the entries (a key missing in one counts as differing).</summary>
    public static IReadOnlyList<string> DifferingKeys(IReadOnlyList<RunEntry> entries)
    {
        var runs = entries.Where(e => e.Config.Count > 0).ToList();
        if (runs.Count < 2) return [];
        return runs.SelectMany(e => e.Config.Keys).Distinct().Order(StringComparer.Ordinal)
            .Where(k => runs.Select(e => e.Config.GetValueOrDefault(k, "")).Distinct().Count() > 1)
            .ToList();
    }

    /// <summary>
    /// A run whose summary.json says running is <c>interrupted</c> when no process holds its log.jsonl open (the
    /// runner keeps it open until the run ends). This looks at /proc (Linux); elsewhere the status stays running.
    /// </summary>
    private static void MarkInterrupted(List<RunEntry> entries)
    {
        var running = entries.Select((e, i) => (e, i)).Where(x => x.e.Status == "running").ToList();
        if (running.Count == 0 || !Directory.Exists("/proc/self/fd")) return;
        var open = OpenFiles();
        foreach (var (entry, i) in running)
        {
            string log = Path.GetFullPath(Path.Combine(entry.Folder, entry.Kind == "sweep" ? "sweep.log.jsonl" : "log.jsonl"));
            if (!open.Contains(log)) entries[i] = entry with { Status = "interrupted" };
        }
    }

    private static HashSet<string> OpenFiles()
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out _)) continue;
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                    if (new FileInfo(fd).LinkTarget is { } target) files.Add(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return files;
    }
}

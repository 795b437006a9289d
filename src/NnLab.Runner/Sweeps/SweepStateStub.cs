using System.Text.Json;
using NnLab.Runner.Output;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// STAND-IN for the sweepscale branch's per-trial state files (drop this file at merge time and point its callers
/// at the real merge). Each trial's record is kept in <c>state/NNNNN.json</c>, written only by the process running
/// that trial (atomically), and merged over trials.json, then summary.csv, groups.csv and costs.csv, by
/// <see cref="Merge"/>. The Slurm launcher only calls <see cref="Write"/> (never), <see cref="Read"/> and <see cref="Merge"/>.
/// </summary>
public static class SweepStateStub
{
    public const string Folder = "state";

    public static string PathOf(string sweepFolder, int index) => Path.Combine(sweepFolder, Folder, $"{index:D5}.json");

    public static void Write(string sweepFolder, TrialRecord record)
    {
        Directory.CreateDirectory(Path.Combine(sweepFolder, Folder));
        RunJson.Write(PathOf(sweepFolder, record.Index), record);
    }

    /// <summary>trials.json's records with every state file's record laid over them.</summary>
    public static (SweepManifest Manifest, IReadOnlyList<TrialRecord> Trials) Read(string sweepFolder)
    {
        var manifest = ManifestFile.Read(Path.Combine(sweepFolder, SweepFiles.Manifest));
        var trials = manifest.Trials.ToArray();
        for (int i = 0; i < trials.Length; i++)
        {
            string path = PathOf(sweepFolder, i);
            if (!File.Exists(path)) continue;
            try
            {
                if (JsonSerializer.Deserialize<TrialRecord>(File.ReadAllText(path), RunJson.Options) is { } record && record.Index == i)
                    trials[i] = record;
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                // Replaced atomically, so this is a state file of another format: the manifest's record stands.
            }
        }
        return (manifest, trials);
    }

    /// <summary>Writes trials.json (with <paramref name="status"/>) and the three CSV files from the merged records.</summary>
    public static IReadOnlyList<TrialResult> Merge(string sweepFolder, SweepStatus status, Func<TrialRecord, TrialRecord>? amend = null)
    {
        var (manifest, trials) = Read(sweepFolder);
        if (amend is not null) trials = trials.Select(amend).ToList();
        ManifestFile.Write(Path.Combine(sweepFolder, SweepFiles.Manifest), manifest with { Status = status, UpdatedUtc = DateTime.UtcNow, Trials = trials });
        var splits = new SweepSplits(trials.Any(t => t.ValidationCost is not null), trials.Any(t => t.TestCost is not null));
        return SweepResults.Write(RunFolder.Existing(sweepFolder), manifest.ParameterNames, trials, manifest.Repeats, splits);
    }
}

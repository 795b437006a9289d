using System.Text.Json;
using NnLab.Runner.Output;

namespace NnLab.Runner.Launchers;

/// <summary>One submitted array: its job id, its script, and the trial range each of its tasks runs.</summary>
/// <param name="JobId">sbatch's job id (the array's; task t is JobId_t).</param>
/// <param name="Script">The batch script, relative to the sweep folder.</param>
/// <param name="Tasks">Task t runs trials Tasks[t] ("A-B", inclusive, trial indexes from 0).</param>
/// <param name="SubmittedUtc">When it was submitted.</param>
public sealed record SlurmArrayJob(string JobId, string Script, IReadOnlyList<string> Tasks, DateTime SubmittedUtc);

/// <summary><c>slurm/jobs.json</c>: every array submitted for the sweep folder, oldest first (a resume adds its own).</summary>
public sealed record SlurmJobs(IReadOnlyList<SlurmArrayJob> Arrays)
{
    public const string Folder = "slurm";
    public const string FileName = "jobs.json";

    public static string PathIn(string sweepFolder) => Path.Combine(sweepFolder, Folder, FileName);

    public static SlurmJobs Read(string sweepFolder)
    {
        string path = PathIn(sweepFolder);
        if (!File.Exists(path)) return new SlurmJobs([]);
        return JsonSerializer.Deserialize<SlurmJobs>(File.ReadAllText(path), RunJson.Options) ?? new SlurmJobs([]);
    }

    public void Write(string sweepFolder) => RunJson.Write(PathIn(sweepFolder), this);

    /// <summary>The newest task that ran trial <paramref name="index"/>: its log's name without extension (slurm/A_a), or null.</summary>
    public string? LogOf(int index)
    {
        for (int a = Arrays.Count - 1; a >= 0; a--)
        {
            var array = Arrays[a];
            for (int t = 0; t < array.Tasks.Count; t++)
            {
                var (first, last) = SlurmPlan.ParseRange(array.Tasks[t]);
                if (index >= first && index <= last) return $"{Folder}/{array.JobId}_{t}";
            }
        }
        return null;
    }
}

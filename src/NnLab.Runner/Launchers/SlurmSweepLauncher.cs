using NnLab.Experiments.Sweeps;
using NnLab.Runner.IO;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Launchers;

/// <summary>What a Slurm launch submitted (or, in a dry run, would submit).</summary>
/// <param name="Folder">The sweep folder's absolute path (a dry run's would-be path).</param>
/// <param name="Scripts">Each array's batch script, in order.</param>
/// <param name="Commands">Each array's sbatch command line.</param>
/// <param name="Arrays">The arrays submitted (empty in a dry run).</param>
/// <param name="ToRun">The trials the arrays run.</param>
/// <param name="TrialsPerTask">Trials packed per array task.</param>
public sealed record SlurmLaunch(string Folder, IReadOnlyList<string> Scripts, IReadOnlyList<IReadOnlyList<string>> Commands,
    IReadOnlyList<SlurmArrayJob> Arrays, IReadOnlyList<int> ToRun, int TrialsPerTask);

/// <summary>
/// <c>nnlab sweep FILE --launcher slurm</c>: writes the sweep folder (sweep.yaml, trials.json with every trial
/// pending), packs the trials to run into array tasks, writes one batch script per array into <c>slurm/</c> and
/// submits it with sbatch, recording each array in <c>slurm/jobs.json</c> as soon as it is accepted. A resume
/// submits only the trials that did not complete or diverge.
/// </summary>
public static class SlurmSweepLauncher
{
    /// <param name="sweep">The validated sweep.</param>
    /// <param name="launcher">The Slurm options.</param>
    /// <param name="options">--out or --resume.</param>
    /// <param name="command">The nnlab command the nodes run, quoted for the shell.</param>
    /// <param name="dryRun">Write and submit nothing; only render the scripts and sbatch command lines.</param>
    /// <param name="now">The time that names a new sweep folder.</param>
    /// <exception cref="SlurmException">No sbatch or scontrol, or sbatch refused an array.</exception>
    /// <exception cref="SweepFolderException">--out not empty, or --resume of another sweep.</exception>
    public static SlurmLaunch Launch(Sweep sweep, SweepLauncher launcher, SweepRunOptions options, string command, bool dryRun, DateTimeOffset now)
    {
        int maxArraySize = dryRun ? TryMaxArraySize() : SlurmClient.MaxArraySize();
        if (!dryRun) SlurmClient.Run("sbatch", ["--version"]); // fails clearly before anything is created when sbatch is missing
        string folder;
        IReadOnlyList<TrialRecord>? previous = null;
        if (dryRun)
        {
            folder = Path.GetFullPath(options.ResumeDirectory ?? options.OutputDirectory ?? Path.Combine(options.SweepsRoot, sweep.Name, "<UTC time>"));
            if (options.ResumeDirectory is { } resume) previous = SweepStateStub.Read(resume).Trials;
        }
        else
        {
            (folder, previous) = OpenFolder(sweep, options, now);
        }

        var toRun = sweep.Trials.Where(t => previous is null || !previous[t.Index].IsFinal).Select(t => t.Index).ToList();
        int cpus = launcher.CpusPerTask ?? 1;
        int perTask = launcher.TrialsPerTask ?? SlurmPlan.DefaultTrialsPerTask(sweep, cpus);
        var arrays = SlurmPlan.Arrays(SlurmPlan.Tasks(toRun, perTask), maxArraySize);
        var jobs = dryRun ? new SlurmJobs([]) : SlurmJobs.Read(folder);
        var scripts = new List<string>();
        var commands = new List<IReadOnlyList<string>>();
        var submitted = new List<SlurmArrayJob>();
        for (int i = 0; i < arrays.Count; i++)
        {
            string scriptName = $"{SlurmJobs.Folder}/array-{jobs.Arrays.Count + 1}.sh";
            string scriptPath = Path.Combine(folder, scriptName);
            string script = SlurmScript.Render(launcher, sweep.Name, folder, Directory.GetCurrentDirectory(), command, arrays[i]);
            var sbatch = new List<string> { "--parsable" };
            sbatch.AddRange(launcher.SbatchArgs);
            sbatch.Add(scriptPath);
            scripts.Add(script);
            commands.Add(["sbatch", .. sbatch]);
            if (dryRun) continue;
            AtomicFile.WriteAllText(scriptPath, script);
            string id = SlurmClient.Submit(sbatch);
            var job = new SlurmArrayJob(id, scriptName, arrays[i].Select(SlurmPlan.Range).ToList(), now.UtcDateTime);
            submitted.Add(job);
            jobs = new SlurmJobs([.. jobs.Arrays, job]);
            jobs.Write(folder);
        }
        return new SlurmLaunch(folder, scripts, commands, submitted, toRun, perTask);
    }

    private static int TryMaxArraySize()
    {
        try
        {
            return SlurmClient.MaxArraySize();
        }
        catch (SlurmException)
        {
            return 1001;
        }
    }

    private static (string Folder, IReadOnlyList<TrialRecord>? Previous) OpenFolder(Sweep sweep, SweepRunOptions options, DateTimeOffset now)
    {
        var (folder, manifest) = SweepFolders.Open(sweep, options, now);
        IReadOnlyList<TrialRecord>? previous = manifest is null ? null : SweepStateStub.Read(folder.FullPath).Trials;
        Directory.CreateDirectory(folder.PathOf(SlurmJobs.Folder));
        var trials = sweep.Trials.Select(t =>
            previous?.FirstOrDefault(p => p.Index == t.Index && p.Id == t.Id)
            ?? new TrialRecord(t.Index, t.Id, t.Label, t.Parameters.ToDictionary(p => p.Name, p => p.Value),
                TrialStatus.Pending, null, SweepFiles.TrialFolder(t.Label))).ToList();
        ManifestFile.Write(folder.PathOf(SweepFiles.Manifest), new SweepManifest(SweepManifest.CurrentFormat, sweep.Name,
            Path.GetFullPath(sweep.SourceFile), sweep.DefinitionHash, sweep.Settings.Mode, sweep.Settings.Repeats, sweep.Settings.OnError,
            sweep.Settings.RankBy, sweep.ParameterNames, sweep.Overrides.Select(o => o.ToString()).ToList(), SweepStatus.Running,
            now.UtcDateTime, trials));
        return (folder.FullPath, previous);
    }
}

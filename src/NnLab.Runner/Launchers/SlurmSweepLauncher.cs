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
/// pending, as <see cref="SweepRunner.Prepare"/> does), packs the trials to run into array tasks, writes one batch script per array into <c>slurm/</c> and
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
    /// <param name="plugins">The --plugins folders the workers load (made absolute: a task may start elsewhere).</param>
    /// <exception cref="SlurmException">No sbatch or scontrol, or sbatch refused an array.</exception>
    /// <exception cref="SweepFolderException">--out not empty, or --resume of another sweep.</exception>
    public static SlurmLaunch Launch(Sweep sweep, SweepLauncher launcher, SweepRunOptions options, string command, bool dryRun, DateTimeOffset now,
        IReadOnlyList<string>? plugins = null)
    {
        var pluginFolders = (plugins ?? []).Select(p => Path.GetFullPath(p)).ToList();
        int maxArraySize = dryRun ? TryMaxArraySize() : SlurmClient.MaxArraySize();
        if (!dryRun) SlurmClient.Run("sbatch", ["--version"]); // fails clearly before anything is created when sbatch is missing
        string folder;
        IReadOnlyList<int> toRun;
        if (dryRun)
        {
            folder = Path.GetFullPath(options.ResumeDirectory ?? options.OutputDirectory ?? Path.Combine(options.SweepsRoot, sweep.Name, "<UTC time>"));
            IReadOnlyList<TrialRecord>? previous = null;
            if (options.ResumeDirectory is { } resume)
                previous = SweepRunner.ReadRecords(resume, ManifestFile.Read(Path.Combine(resume, SweepFiles.Manifest)));
            toRun = sweep.Trials.Where(t => previous is null || !previous[t.Index].IsFinal).Select(t => t.Index).ToList();
        }
        else
        {
            var (opened, _, unfinished) = SweepRunner.Prepare(sweep, options, new FixedTime(now));
            folder = opened.FullPath;
            toRun = unfinished;
            Directory.CreateDirectory(Path.Combine(folder, SlurmJobs.Folder));
        }

        int cpus = launcher.CpusPerTask ?? 1;
        int perTask = launcher.TrialsPerTask ?? SlurmPlan.DefaultTrialsPerTask(sweep, cpus);
        var arrays = SlurmPlan.Arrays(SlurmPlan.Tasks(toRun, perTask), maxArraySize);
        var jobs = dryRun ? new SlurmJobs([]) : SlurmJobs.Read(folder);
        var scripts = new List<string>();
        var commands = new List<IReadOnlyList<string>>();
        var submitted = new List<SlurmArrayJob>();
        int earlier = jobs.Arrays.Count; // a resume's scripts are numbered on from the earlier ones
        for (int i = 0; i < arrays.Count; i++)
        {
            string scriptName = $"{SlurmJobs.Folder}/array-{earlier + i + 1}.sh";
            string scriptPath = Path.Combine(folder, scriptName);
            string script = SlurmScript.Render(launcher, sweep.Name, folder, Directory.GetCurrentDirectory(), command, arrays[i], pluginFolders);
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

    /// <summary>The launch's time, for naming the folder and stamping trials.json.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

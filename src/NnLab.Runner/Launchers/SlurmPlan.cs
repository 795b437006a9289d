using System.Globalization;
using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Launchers;

/// <summary>
/// How a sweep's trials are packed into Slurm array tasks, and the tasks into arrays. A task runs consecutive trials
/// (at most <c>trials_per_task</c>, never across a trial that is not to run), an array holds at most MaxArraySize
/// tasks (indexes 0..MaxArraySize−1), so a larger sweep becomes several arrays.
/// </summary>
public static class SlurmPlan
{
    /// <summary>The time a task should at least run, so Slurm's scheduling and nnlab's start-up stay a small part of it.</summary>
    public static readonly TimeSpan TargetTaskTime = TimeSpan.FromSeconds(60);

    /// <summary>A trial's fixed cost (its run folder, start of training), measured about 5 ms on XOR.</summary>
    public const double TrialOverheadSeconds = 0.005;

    /// <summary>Arithmetic per parameter per example per epoch (forward, backward, update) at a conservative 1 GFLOP/s per core.</summary>
    public const double SecondsPerParameterExampleEpoch = 6e-9;

    /// <summary>
    /// The default trials per task: enough that a task's trials, run <paramref name="cpus"/> at a time, are expected
    /// to take <see cref="TargetTaskTime"/>. A trial is expected to take 5 ms + 6 ns × epochs × parameters × training
    /// examples (the mean over up to 16 trials spread over the sweep). XOR's 5000-epoch trial: 6.6 ms, so all 48 fit
    /// in one task; a trial expected to take a minute or more gets a task of its own.
    /// </summary>
    public static int DefaultTrialsPerTask(Sweep sweep, int cpus)
    {
        var sample = Enumerable.Range(0, Math.Min(16, sweep.Trials.Count))
            .Select(i => sweep.Trials[(int)((long)i * sweep.Trials.Count / Math.Min(16, sweep.Trials.Count))]).ToList();
        double mean = sample.Average(t => ExpectedSeconds(t));
        double perTask = TargetTaskTime.TotalSeconds * Math.Max(1, cpus) / mean;
        return (int)Math.Clamp(Math.Ceiling(perTask), 1, Math.Max(1, sweep.Trials.Count));
    }

    /// <summary>The expected seconds of one trial (see <see cref="DefaultTrialsPerTask"/>).</summary>
    public static double ExpectedSeconds(SweepTrial trial)
    {
        var experiment = trial.Experiment;
        // Counted when the loader built the trial's model to check it: planning builds nothing.
        long parameters = experiment.ParameterCount > 0 ? experiment.ParameterCount : 1000;
        return TrialOverheadSeconds + SecondsPerParameterExampleEpoch * experiment.Training.Epochs * parameters * experiment.Data.Inputs.Cols;
    }

    /// <summary>Consecutive trials to run, <paramref name="perTask"/> at most per task, as (first, last) ranges.</summary>
    public static IReadOnlyList<(int First, int Last)> Tasks(IReadOnlyList<int> toRun, int perTask)
    {
        var tasks = new List<(int, int)>();
        int i = 0;
        while (i < toRun.Count)
        {
            int first = toRun[i], last = first;
            int count = 1;
            while (i + count < toRun.Count && count < perTask && toRun[i + count] == last + 1) last = toRun[i + count++];
            tasks.Add((first, last));
            i += count;
        }
        return tasks;
    }

    /// <summary>The tasks in arrays of at most <paramref name="maxArraySize"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<(int First, int Last)>> Arrays(IReadOnlyList<(int First, int Last)> tasks, int maxArraySize) =>
        tasks.Chunk(Math.Max(1, maxArraySize)).Select(c => (IReadOnlyList<(int, int)>)c).ToList();

    public static string Range((int First, int Last) task) => $"{task.First}-{task.Last}";

    public static (int First, int Last) ParseRange(string text)
    {
        var parts = text.Split('-');
        int first = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return (first, parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : first);
    }
}

// Times the training of every trial of a sweep file, in this process and without writing anything: what
// `nnlab sweep` spends training, apart from process start-up, loading and the run folders. Modes: each trial alone,
// one after another ("sequential") and on N workers ("parallel"), and trained together in lanes on N workers, in the
// units a sweep uses ("together"). Prints one JSON object per measurement.
// Usage: NnLab.SweepBench FILE [--workers N] [--repeats R] [--modes sequential,parallel,together]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NnLab.Experiments.Sweeps;
using NnLab.Registry;
using NnLab.Runner.Training;
using NnLab.SweepBench;

string file = args[0];
int workers = Option(args, "--workers", Environment.ProcessorCount);
int repeats = Option(args, "--repeats", 5);

var loading = Stopwatch.StartNew();
var loaded = new SweepLoader(ComponentRegistry.CreateWithBuiltIns()).LoadFile(file);
if (!loaded.TryGetSweep(out var sweep))
{
    foreach (var error in loaded.Errors) Console.Error.WriteLine(error);
    return 2;
}
Report("load", 1, [loading.Elapsed.TotalSeconds], sweep.Trials.Count);

// The first pass of each mode includes JIT compilation, as a fresh `nnlab sweep` process does; later passes do not.
string modes = args.SkipWhile(a => a != "--modes").Skip(1).FirstOrDefault() ?? "sequential,parallel,together";
if (modes.Contains("sequential")) Report("sequential", 1, Passes(sweep, 1, repeats, TrainAll), sweep.Trials.Count);
if (modes.Contains("parallel")) Report("parallel", workers, Passes(sweep, workers, repeats, TrainAll), sweep.Trials.Count);
if (modes.Contains("together")) Report("together", workers, Passes(sweep, workers, repeats, TrainTogether), sweep.Trials.Count);
return 0;

static double[] Passes(Sweep sweep, int workers, int repeats, Func<Sweep, int, double> train) =>
    Enumerable.Range(0, repeats).Select(_ => train(sweep, workers)).ToArray();

static double TrainAll(Sweep sweep, int workers)
{
    var clock = Stopwatch.StartNew();
    Parallel.ForEach(sweep.Trials, new ParallelOptions { MaxDegreeOfParallelism = workers },
        trial => trial.Experiment.CreateSession().Train(NullObserver.Instance));
    return clock.Elapsed.TotalSeconds;
}

// Units of 8 consecutive trials (two passes of four float64 lanes), as `nnlab sweep` hands lean trials to its workers.
static double TrainTogether(Sweep sweep, int workers)
{
    var clock = Stopwatch.StartNew();
    Parallel.ForEach(sweep.Trials.Chunk(8), new ParallelOptions { MaxDegreeOfParallelism = workers }, unit =>
        TogetherTraining.Train(unit.Select(t => t.Experiment.CreateSession()).ToList(),
            unit.Select(_ => (NnLab.Training.ITrainingObserver)NullObserver.Instance).ToList()));
    return clock.Elapsed.TotalSeconds;
}

static void Report(string mode, int workers, double[] seconds, int trials) =>
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        mode,
        workers,
        trials,
        first_seconds = seconds[0],
        best_seconds = seconds.Min(),
        all_seconds = seconds,
    }));

static int Option(string[] args, string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

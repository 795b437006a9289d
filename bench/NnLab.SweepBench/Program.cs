// Times the training of every trial of a sweep file, in this process and without writing anything: what
// `nnlab sweep` spends training, apart from process start-up, loading and the run folders. Prints one JSON object
// per measurement. Usage: NnLab.SweepBench FILE [--workers N] [--repeats R]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NnLab.Experiments.Sweeps;
using NnLab.Registry;
using NnLab.SweepBench;

string file = args[0];
int workers = Option(args, "--workers", Environment.ProcessorCount);
int repeats = Option(args, "--repeats", 5);

var loading = Stopwatch.StartNew();
var loaded = new SweepLoader(ComponentRegistry.CreateWithBuiltIns()).LoadFile(file);
if (loaded.Sweep is not { } sweep)
{
    foreach (var error in loaded.Errors) Console.Error.WriteLine(error);
    return 2;
}
Report("load", 1, [loading.Elapsed.TotalSeconds], sweep.Trials.Count);

// The first pass of each mode includes JIT compilation, as a fresh `nnlab sweep` process does; later passes do not.
Report("sequential", 1, Passes(sweep, 1, repeats), sweep.Trials.Count);
Report("parallel", workers, Passes(sweep, workers, repeats), sweep.Trials.Count);
return 0;

static double[] Passes(Sweep sweep, int workers, int repeats) =>
    Enumerable.Range(0, repeats).Select(_ => TrainAll(sweep, workers)).ToArray();

static double TrainAll(Sweep sweep, int workers)
{
    var clock = Stopwatch.StartNew();
    Parallel.ForEach(sweep.Trials, new ParallelOptions { MaxDegreeOfParallelism = workers },
        trial => trial.Experiment.CreateSession().Train(NullObserver.Instance));
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

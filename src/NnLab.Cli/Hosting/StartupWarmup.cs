using NnLab.Experiments;
using NnLab.Registry;
using NnLab.Runner.Training;
using NnLab.Training;

namespace NnLab.Cli.Hosting;

/// <summary>
/// Loads (and, for <c>run</c>, trains one epoch of) a tiny built-in experiment on a background thread while the main
/// thread builds the services (<see cref="NnLabHost"/>): the YAML parser, the experiment reader, the data shaper, the
/// model check and the training path are then loaded and compiled by the time the command loads the user's file, on the
/// second core instead of after them. It touches no file and writes nothing; whatever it throws is ignored (the command
/// reports its own problems). It only saves time where a second core is free: the work it takes off the main thread is
/// the same work.
/// </summary>
internal static class StartupWarmup
{
    // A network with each kind of part a typical experiment has (a linear layer with xavier weights, an activation, a
    // cost, an optimizer), on inline data.
    private const string Experiment = """
        name: warmup
        data: {inputs: [[0, 0], [1, 1]], targets: [0, 1]}
        model: [{linear: {units: 2, init: xavier}}, sigmoid, {linear: {units: 1}}, sigmoid]
        training: {epochs: 1}
        """;

    /// <summary>The commands whose first work is loading an experiment file.</summary>
    private static readonly HashSet<string> Loading = new(StringComparer.Ordinal) { "run", "validate", "sweep", "data", "gradcheck", "trace" };

    /// <summary>Starts the warm-up for the command in <paramref name="args"/>, if it loads an experiment.</summary>
    public static void Start(string[] args)
    {
        if (args.Length == 0 || !Loading.Contains(args[0])) return;
        bool train = args[0] == "run";
        var thread = new Thread(() => Run(train)) { IsBackground = true, Name = "nnlab warm-up" };
        thread.Start();
    }

    private static void Run(bool train)
    {
        try
        {
            var loaded = new ExperimentLoader(ComponentRegistry.CreateWithBuiltIns()).LoadText(Experiment, "warm-up", "");
            if (train && loaded.TryGetExperiment(out var experiment)) experiment.CreateSession().Train(new NoObserver());
        }
        catch (Exception)
        {
            // Only a head start: the command itself does (and reports) everything this does.
        }
    }

    private sealed class NoObserver : ITrainingObserver
    {
        public void OnCostRecorded(int epoch, double cost)
        {
        }

        public void OnValidationRecorded(int epoch, ValidationScore score)
        {
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab sweep-worker SWEEPDIR --trials A-B [--parallel N] [--worker-id ID]</c>: runs trials A to B of the sweep
/// folder from its own definition, into it, writing only those trials and its own state file; skips the ones already
/// completed or diverged. Exit 0 when every one of its trials ended (completed, diverged or failed), 1 when
/// <c>on_error: stop</c> stopped it, 2 when SWEEPDIR is not a sweep folder it can see (or --trials is wrong), 130 when
/// cancelled by SIGINT/SIGTERM (its running trials are recorded cancelled, or checkpointed and recorded preempted while
/// the file NNLAB_PREEMPT_MARKER names exists). Trials recorded preempted are continued from their checkpoints.
/// </summary>
internal sealed class SweepWorkerCommand(IServiceProvider services)
{
    private readonly Argument<string> _folder = new("sweepdir") { Description = "The sweep folder (as nnlab sweep made it)." };

    private readonly Option<string> _trials = new("--trials")
    {
        Description = "The trials to run: A-B (inclusive, in the sweep's order from 0), A, or a list: 0-99,120,130-139.",
        HelpName = "A-B",
        Required = true,
    };

    private readonly Option<int?> _parallel = new("--parallel")
    {
        Description = "Run at most N trials at once (default: the number of processors).",
        HelpName = "N",
    };

    private readonly Option<string?> _workerId = new("--worker-id")
    {
        Description = "Name this worker's state file state/ID.jsonl (letters, digits, - _ .); default worker-<host>-<pid>-<random>. "
            + "A requeued task may reuse its ID: the file is appended to.",
        HelpName = "ID",
    };

    public Command Build()
    {
        var command = new Command("sweep-worker", "Run some trials of an existing sweep folder into it (the worker of --launcher processes and of cluster launchers).");
        command.Arguments.Add(_folder);
        command.Options.Add(_trials);
        command.Options.Add(_parallel);
        command.Options.Add(_workerId);
        _parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--parallel must be at least 1.");
        });
        command.SetAction(ExecuteAsync);
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken stopping)
    {
        string directory = parse.GetValue(_folder)!;
        if (!Directory.Exists(directory) || !File.Exists(Path.Combine(directory, SweepFiles.Manifest)))
        {
            await Console.Error.WriteLineAsync($"error: '{directory}' is not a sweep folder: "
                + (Directory.Exists(directory) ? "it has no trials.json" : "no such folder here")
                + " (a worker must see the folder the sweep was started in: on a cluster, a file system shared by every node).");
            return ExitCodes.Usage;
        }
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        Sweep sweep;
        SweepManifest manifest;
        try
        {
            (sweep, manifest) = SweepWorker.Load(directory, new SweepLoader(registry));
        }
        catch (SweepFolderException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        if (SweepWorker.ParseTrials(parse.GetValue(_trials)!, sweep.Trials.Count, out string? error) is not { } trials)
        {
            await Console.Error.WriteLineAsync($"error: {error}");
            return ExitCodes.Usage;
        }
        WorkerOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<SweepWorker>().RunAsync(directory, sweep, manifest, trials,
                parse.GetValue(_parallel) ?? Environment.ProcessorCount, parse.GetValue(_workerId), stopping);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        Console.Out.WriteLine($"worker {outcome.Worker}: {outcome.Trials} trials, {outcome.Skipped} already done, {outcome.Completed} completed, "
            + $"{outcome.Diverged} diverged, {outcome.Failed} failed, {outcome.Cancelled} cancelled or not run");
        return stopping.IsCancellationRequested && outcome.Cancelled > 0 ? ExitCodes.Cancelled
            : outcome.Stopped || outcome.Cancelled > 0 ? ExitCodes.Failure
            : ExitCodes.Success;
    }

    /// <summary>How to start this nnlab again as a worker: the same executable (or dotnet and the same nnlab.dll), the same plugins.</summary>
    public static ProcessStartInfo WorkerCommand(IReadOnlyList<string> args, IReadOnlyList<string> plugins)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { WorkingDirectory = Environment.CurrentDirectory };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(SweepWorkerCommand).Assembly.Location);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (string plugin in plugins)
        {
            start.ArgumentList.Add("--plugins");
            start.ArgumentList.Add(Path.GetFullPath(plugin));
        }
        return start;
    }
}

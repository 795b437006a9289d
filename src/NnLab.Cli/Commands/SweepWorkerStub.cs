using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// STAND-IN (drop at merge time for the sweepscale branch's real command): <c>nnlab sweep-worker SWEEPDIR --trials
/// A-B [--parallel N]</c> runs trials A..B of the sweep folder's own recorded definition (sweep.yaml, with the source
/// file and --set overrides of trials.json). Exit 0 when all its trials ended, 130 when cancelled, 2 when SWEEPDIR is
/// not a sweep folder or cannot be seen from here.
/// </summary>
internal sealed class SweepWorkerStub(IServiceProvider services)
{
    public Command Build()
    {
        var dir = new Argument<string>("sweepdir") { Description = "The sweep folder." };
        var trials = new Option<string>("--trials") { Description = "Trial indexes A-B (inclusive, from 0).", Required = true, HelpName = "A-B" };
        var parallel = new Option<int?>("--parallel") { Description = "Trials run at once (default 1).", HelpName = "N" };
        var command = new Command("sweep-worker", "Run trials A..B of a sweep folder into it (what each Slurm array task runs).");
        command.Arguments.Add(dir);
        command.Options.Add(trials);
        command.Options.Add(parallel);
        command.SetAction((parse, stopping) => RunAsync(parse, parse.GetValue(dir)!, parse.GetValue(trials)!, parse.GetValue(parallel) ?? 1, stopping));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, string dir, string range, int parallel, CancellationToken stopping)
    {
        string manifestPath = Path.Combine(dir, SweepFiles.Manifest);
        if (!File.Exists(manifestPath) || !File.Exists(Path.Combine(dir, SweepFiles.Definition)))
        {
            await Console.Error.WriteLineAsync($"error: '{Path.GetFullPath(dir)}' is not a sweep folder or cannot be seen from {Environment.MachineName}: "
                + $"no {SweepFiles.Manifest} there. The sweep folder must be on a filesystem every node shares.");
            return ExitCodes.Usage;
        }
        var parts = range.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int first) || !int.TryParse(parts[1], out int last) || first < 0 || last < first)
        {
            await Console.Error.WriteLineAsync($"error: --trials expects A-B with 0 <= A <= B, got '{range}'.");
            return ExitCodes.Usage;
        }
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        var manifest = ManifestFile.Read(manifestPath);
        var loaded = new SweepLoader(registry).LoadText(await File.ReadAllTextAsync(Path.Combine(dir, SweepFiles.Definition)),
            manifest.SourceFile, Path.GetDirectoryName(manifest.SourceFile) ?? "", manifest.Overrides);
        if (loaded.Sweep is not { } sweep) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        if (sweep.DefinitionHash != manifest.DefinitionHash || last >= sweep.Trials.Count)
        {
            await Console.Error.WriteLineAsync($"error: the sweep in '{dir}' no longer loads to the trials it recorded (or trials {range} do not exist): its data or definition changed.");
            return ExitCodes.Usage;
        }
        var worker = new NnLab.Runner.Sweeps.SweepWorkerStub(TimeProvider.System);
        bool ended = await worker.RunAsync(sweep, Path.GetFullPath(dir), first, last, parallel, stopping);
        return ended ? ExitCodes.Success : ExitCodes.Cancelled;
    }
}

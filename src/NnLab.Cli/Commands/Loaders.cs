using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NnLab.Experiments;
using NnLab.Experiments.Sweeps;
using NnLab.Registry;

namespace NnLab.Cli.Commands;

/// <summary>
/// The loaders every command uses, with the configured <see cref="InputLimits"/> (section <c>NnLab:Limits</c>) and
/// Ctrl+C/SIGTERM as their cancellation, so that no file makes a command hang, and a signal stops loading too.
/// </summary>
internal static class Loaders
{
    public static InputLimits Limits(IServiceProvider services) => services.GetService<InputLimits>() ?? InputLimits.Default;

    public static CancellationToken Stopping(IServiceProvider services) =>
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

    public static ExperimentLoader Experiment(IServiceProvider services, ComponentRegistry registry) =>
        new(registry) { Limits = Limits(services), Cancellation = Stopping(services) };

    public static SweepLoader Sweep(IServiceProvider services, ComponentRegistry registry) =>
        new(registry, Limits(services), Stopping(services));

    public static bool IsSweep(IServiceProvider services, string path) => SweepFile.IsSweep(path, Limits(services), Stopping(services));
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Runner;
using NnLab.Runner.Sweeps;
using Serilog;

namespace NnLab.Cli.Hosting;

/// <summary>
/// The generic host nnlab runs in: configuration (appsettings.json next to the binary, environment, command line),
/// Serilog as the only logging provider, and the services the commands use. Its console lifetime turns Ctrl+C and
/// SIGTERM into ApplicationStopping, which the commands pass to training as their cancellation token.
/// </summary>
internal static class NnLabHost
{
    public static IHost Build(string[] args, ConsoleLogging console)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ApplicationName = "nnlab",
            // appsettings.json ships beside nnlab.dll; the user's current directory holds experiments, not settings.
            ContentRootPath = AppContext.BaseDirectory,
        });
        console.Configure(builder.Configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(console.Logger, dispose: true);
        // Without this the lifetime prints "Application started. Press Ctrl+C to shut down." on every command.
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ComponentCatalog>();
        builder.Services.AddSingleton<ExperimentRunner>();
        builder.Services.AddSingleton<SweepRunner>();
        return builder.Build();
    }
}

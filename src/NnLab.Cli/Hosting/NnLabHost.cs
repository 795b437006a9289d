using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Runner.Hosting;

namespace NnLab.Cli.Hosting;

/// <summary>
/// The generic host nnlab runs in: configuration (appsettings.json next to the binary, environment, command line),
/// the console (Serilog, built at its first event: <see cref="ConsoleLogging"/>) as the only logging provider, and the services the commands use. Its console lifetime turns Ctrl+C and
/// SIGTERM into ApplicationStopping, which the commands pass to training as their cancellation token.
/// </summary>
/// <remarks>
/// Built from the empty builder with only those pieces added: the default builder's extra logging providers,
/// settings-file watcher, user secrets and scope validation cost about a quarter of a short run's start-up and are
/// never used by a command that runs once and exits.
/// </remarks>
internal static class NnLabHost
{
    public static IHost Build(string[] args, ConsoleLogging console)
    {
        // The host's own settings (DOTNET_ENVIRONMENT, --environment) come first, as in the default builder, so the
        // environment is known before appsettings.{environment}.json is added.
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables(prefix: "DOTNET_").AddCommandLine(args);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ApplicationName = "nnlab",
            // appsettings.json ships beside nnlab.dll; the user's current directory holds experiments, not settings.
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = configuration,
        });
        NnLab.Diagnostics.StartupTrace.Mark("host builder");
        AddAppConfiguration(builder, args);
        NnLab.Diagnostics.StartupTrace.Mark("app configuration");
        console.Configure(builder.Configuration);

        builder.Logging.AddProvider(console.CreateProvider());
        // The console provider decides itself what it writes (its level can change while running: --verbose, progress bars).
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        NnLab.Diagnostics.StartupTrace.Mark("logging");
        builder.Services.AddSingleton<IHostLifetime, ConsoleLifetime>();
        // Without this the lifetime prints "Application started. Press Ctrl+C to shut down." on every command.
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);

        // NnLab's own services and settings (NnLab:Plugins, NnLab:Limits) come the way any host gets them.
        builder.Services.AddNnLab(builder.Configuration.GetSection(NnLabOptions.Section));
        builder.Services.AddSingleton<ComponentCatalog>();
        NnLab.Diagnostics.StartupTrace.Mark("services");
        var host = builder.Build();
        NnLab.Diagnostics.StartupTrace.Mark("service provider");
        // Settings that cannot be read (a limit that is not a positive whole number) stop every command before it starts.
        _ = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NnLabOptions>>().Value;
        // Components whose constructors take ILogger<T> log through the host's logging.
        NnLab.Registry.ComponentDescriptor.LoggerFactory = host.Services.GetRequiredService<ILoggerFactory>();
        return host;
    }

    /// <summary>The default builder's application sources, in its order, without a file watcher: a run reads its settings once.</summary>
    private static void AddAppConfiguration(HostApplicationBuilder builder, string[] args) =>
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{builder.Environment.EnvironmentName}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
}

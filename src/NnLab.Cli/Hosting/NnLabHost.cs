using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Runner;
using NnLab.Runner.Sweeps;

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

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ReadLimits(builder.Configuration));
        builder.Services.AddSingleton<ComponentCatalog>();
        builder.Services.AddSingleton<ExperimentRunner>();
        builder.Services.AddSingleton<SweepRunner>();
        builder.Services.AddSingleton<SweepWorker>();
        NnLab.Diagnostics.StartupTrace.Mark("services");
        var host = builder.Build();
        NnLab.Diagnostics.StartupTrace.Mark("service provider");
        // Components whose constructors take ILogger<T> log through the host's logging.
        NnLab.Registry.ComponentDescriptor.LoggerFactory = host.Services.GetRequiredService<ILoggerFactory>();
        return host;
    }

    /// <summary>The input limits: the defaults, each replaced by <c>NnLab:Limits:Name</c> where the configuration sets it.</summary>
    private static NnLab.Experiments.InputLimits ReadLimits(IConfiguration configuration)
    {
        var section = configuration.GetSection(NnLab.Experiments.InputLimits.Section);
        var limits = NnLab.Experiments.InputLimits.Default;
        long Read(string name, long current)
        {
            string? text = section[name];
            if (text is null) return current;
            if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value) && value > 0)
                return value;
            throw new InvalidOperationException($"{NnLab.Experiments.InputLimits.Section}:{name} must be a positive whole number, got '{text}'");
        }
        return limits with
        {
            // Deeper than a thousand levels the parser's recursion could overflow the stack: that bound cannot be raised.
            MaxDepth = (int)Math.Min(Read(nameof(limits.MaxDepth), limits.MaxDepth), 1_000),
            MaxNodes = Read(nameof(limits.MaxNodes), limits.MaxNodes),
            MaxDocumentBytes = Math.Min(Read(nameof(limits.MaxDocumentBytes), limits.MaxDocumentBytes), int.MaxValue / 2),
            MaxCsvBytes = Math.Min(Read(nameof(limits.MaxCsvBytes), limits.MaxCsvBytes), Array.MaxLength),
            MaxCsvLineLength = (int)Math.Min(Read(nameof(limits.MaxCsvLineLength), limits.MaxCsvLineLength), int.MaxValue),
            MaxParameters = Read(nameof(limits.MaxParameters), limits.MaxParameters),
            MaxSweepNodes = Read(nameof(limits.MaxSweepNodes), limits.MaxSweepNodes),
        };
    }

    /// <summary>The default builder's application sources, in its order, without a file watcher: a run reads its settings once.</summary>
    private static void AddAppConfiguration(HostApplicationBuilder builder, string[] args) =>
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{builder.Environment.EnvironmentName}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
}

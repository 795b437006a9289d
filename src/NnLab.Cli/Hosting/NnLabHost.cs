using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Runner.Hosting;

namespace NnLab.Cli.Hosting;

/// <summary>
/// What nnlab's commands run in: configuration (appsettings.json next to the binary, environment, command line), the
/// console (Serilog, built at its first event: <see cref="ConsoleLogging"/>) as the only logging provider, the services
/// the commands use, and <see cref="SignalLifetime"/>, which turns Ctrl+C, SIGTERM and SIGQUIT into
/// <see cref="Stopping"/>, the cancellation token the commands pass to loading and training.
/// </summary>
/// <remarks>
/// The pieces of the generic host a command uses, composed directly, without the host itself: a command runs once
/// and exits, so the host's lifecycle (hosted services, start and stop with timeouts), environment and content-root
/// services, metrics and their options validation served no command, and building and starting them took about a
/// third of <c>nnlab validate</c>'s wall time. A library user who wants NnLab in a generic host calls
/// <c>services.AddNnLab(…)</c>, as this class does.
/// </remarks>
internal sealed class NnLabHost : IDisposable
{
    private readonly ConfigurationManager _configuration;
    private readonly ServiceProvider _services;
    private readonly SignalLifetime _lifetime;

    private NnLabHost(ConfigurationManager configuration, ServiceProvider services, SignalLifetime lifetime) =>
        (_configuration, _services, _lifetime) = (configuration, services, lifetime);

    public IServiceProvider Services => _services;

    /// <summary>Cancelled by Ctrl+C, SIGTERM or SIGQUIT (which then no longer end the process by themselves).</summary>
    public CancellationToken Stopping => _lifetime.ApplicationStopping;

    public static NnLabHost Build(string[] args, ConsoleLogging console)
    {
        var configuration = ReadConfiguration(args);
        NnLab.Diagnostics.StartupTrace.Mark("app configuration");
        console.Configure(configuration);

        var lifetime = new SignalLifetime();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostApplicationLifetime>(lifetime);
        // The console provider decides itself what it writes (its level can change while running: --verbose, progress bars).
        services.AddLogging(logging => logging.AddProvider(console.CreateProvider()).SetMinimumLevel(LogLevel.Trace));
        // NnLab's own services and settings (NnLab:Plugins, NnLab:Limits) come the way any host gets them.
        services.AddNnLab(configuration.GetSection(NnLabOptions.Section));
        services.AddSingleton<ComponentCatalog>();
        var provider = services.BuildServiceProvider();
        NnLab.Diagnostics.StartupTrace.Mark("service provider");
        // Settings that cannot be read (a limit that is not a positive whole number) stop every command before it starts.
        _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<NnLabOptions>>().Value;
        // Components whose constructors take ILogger<T> log through the console.
        NnLab.Registry.ComponentDescriptor.LoggerFactory = provider.GetRequiredService<ILoggerFactory>();
        lifetime.Started();
        return new NnLabHost(configuration, provider, lifetime);
    }

    /// <summary>
    /// The generic host's sources in its order, without a file watcher (a command reads its settings once): first
    /// DOTNET_ variables and the command line, which name the environment (DOTNET_ENVIRONMENT, default Production),
    /// then appsettings.json and appsettings.{environment}.json beside the binary, the environment and the command line.
    /// </summary>
    private static ConfigurationManager ReadConfiguration(string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables(prefix: "DOTNET_").AddCommandLine(args);
        string environment = configuration[HostDefaults.EnvironmentKey] is { Length: > 0 } name ? name : Environments.Production;
        // The user's current directory holds experiments, not settings.
        configuration.SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        return configuration;
    }

    public void Dispose()
    {
        // Signals from here on end the process as they would any program's.
        _lifetime.Dispose();
        _services.Dispose();
        _configuration.Dispose();
    }
}

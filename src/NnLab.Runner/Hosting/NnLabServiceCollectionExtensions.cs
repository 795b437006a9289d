using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NnLab.Experiments;
using NnLab.Plugins;
using NnLab.Registry;
using NnLab.Runner;
using NnLab.Runner.Hosting;
using NnLab.Runner.Sweeps;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddNnLab(…)</c>: NnLab in a host (the <c>nnlab</c> command is built on it).</summary>
public static class NnLabServiceCollectionExtensions
{
    /// <summary>
    /// Adds NnLab with its settings read from <paramref name="section"/> (the <c>NnLab</c> section:
    /// <c>configuration.GetSection(NnLabOptions.Section)</c>) into <c>IOptions&lt;NnLabOptions&gt;</c>, then
    /// <paramref name="configure"/> applied in code.
    /// </summary>
    public static IServiceCollection AddNnLab(this IServiceCollection services, IConfiguration section, Action<NnLabOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddSingleton<IConfigureOptions<NnLabOptions>>(new NnLabOptionsReader(section));
        return services.AddNnLab(configure);
    }

    /// <summary>
    /// Adds NnLab, its settings in <c>IOptions&lt;NnLabOptions&gt;</c> (set by <paramref name="configure"/>, or by any
    /// <c>Configure&lt;NnLabOptions&gt;</c>), validated when first read. Registers, as singletons: <see cref="InputLimits"/>
    /// (the options' limits), <see cref="ComponentRegistry"/> (the built-ins and the options' plugin folders, loaded when
    /// first resolved; a folder that fails to load throws <see cref="PluginLoadException"/>), <see cref="ExperimentLoader"/>
    /// (that registry and those limits), <see cref="ExperimentRunner"/>, <see cref="SweepRunner"/>, <see cref="SweepWorker"/>
    /// and <see cref="TimeProvider"/> (the system clock unless one is registered). Components log through the host's
    /// <see cref="ILoggerFactory"/> when it has one.
    /// </summary>
    public static IServiceCollection AddNnLab(this IServiceCollection services, Action<NnLabOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<NnLabOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NnLabOptions>, NnLabOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NnLabOptions>>().Value.Limits);
        services.TryAddSingleton(sp => LoadRegistry(sp.GetRequiredService<IOptions<NnLabOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new ExperimentLoader(sp.GetRequiredService<ComponentRegistry>())
        {
            Limits = sp.GetRequiredService<InputLimits>(),
        });
        services.TryAddSingleton(sp => new ExperimentRunner(Logger<ExperimentRunner>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SweepRunner(Logger<SweepRunner>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SweepWorker(Logger<SweepWorker>(sp), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    // A host without logging still gets NnLab: its log lines go nowhere but log.jsonl.
    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;

    private static ComponentRegistry LoadRegistry(NnLabOptions options, ILoggerFactory? loggers)
    {
        // Components whose constructors take ILogger<T> log through the host's logging.
        if (loggers is not null) ComponentDescriptor.LoggerFactory = loggers;
        string current = Directory.GetCurrentDirectory();
        var roots = options.Plugins.Select(p => Path.GetFullPath(p, current)).Distinct(StringComparer.Ordinal).ToList();
        var (registry, errors) = PluginCatalog.Load(roots);
        return errors.Count == 0 ? registry : throw errors[0];
    }
}

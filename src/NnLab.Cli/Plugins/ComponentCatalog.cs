using System.CommandLine;
using Microsoft.Extensions.Options;
using NnLab.Plugins;
using NnLab.Registry;
using NnLab.Runner.Hosting;

namespace NnLab.Cli.Plugins;

/// <summary>
/// Builds the registry a command uses: the built-ins plus the plugins under ./plugins, the settings' plugin folders
/// (<see cref="NnLabOptions.Plugins"/>: appsettings.json <c>NnLab:Plugins</c>), <c>NNLAB_PLUGINS</c> and <c>--plugins DIR</c>. A plugin named with --plugins that fails to
/// load stops the command before anything runs, with the plugin's folder and the reason; one found by discovery is a
/// warning, so one broken folder cannot block every command. A discovered folder's assemblies are loaded only when a
/// name is needed that the built-ins do not have (or every name is listed): a command that uses built-in components
/// only loads none (see <see cref="PluginCatalog"/>).
/// </summary>
internal sealed class ComponentCatalog(IOptions<NnLabOptions> options)
{
    /// <summary>The repeatable, global <c>--plugins DIR</c> option.</summary>
    public static Option<string[]> Option { get; } = new("--plugins")
    {
        Description = "Also load plugins from DIR: a plugin folder, or a folder of plugin folders (repeatable).",
        HelpName = "DIR",
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly List<PluginLoadException> _broken = [];

    /// <summary>
    /// The plugin folders that failed to load in the last <see cref="Load"/>, errors and warnings alike (a discovered
    /// folder's assembly failure counts once the registry has loaded it).
    /// </summary>
    public IReadOnlyList<PluginLoadException> Broken => _broken;

    /// <summary>
    /// The registry, or null after printing every plugin named with --plugins that failed to load; a discovered folder
    /// that fails is a warning and its components are unavailable.
    /// </summary>
    public ComponentRegistry? Load(ParseResult parse, TextWriter errors)
    {
        string current = Directory.GetCurrentDirectory();
        var configured = options.Value.Plugins;
        var roots = PluginSources.Roots(current, configured,
            Environment.GetEnvironmentVariable(PluginSources.EnvironmentVariable), parse.GetValue(Option) ?? []);
        var named = (parse.GetValue(Option) ?? []).Select(p => PluginSources.Display(Path.GetFullPath(p, current), current)).ToHashSet(StringComparer.Ordinal);
        _broken.Clear();
        var (registry, failures, warnings) = PluginCatalog.Load(roots,
            optionalRoot: PluginSources.Display(Path.GetFullPath(PluginSources.DefaultFolder, current), current), strictRoots: named,
            deferredWarning: warning =>
            {
                _broken.Add(warning);
                Warn(errors, warning);
            });
        _broken.AddRange([.. failures, .. warnings]);
        foreach (var warning in warnings) Warn(errors, warning);
        if (failures.Count == 0) return registry;
        foreach (var failure in failures) errors.WriteLine($"error: {failure.Message}");
        errors.WriteLine($"{failures.Count} plugin error(s); nothing was run.");
        return null;
    }

    private static void Warn(TextWriter errors, PluginLoadException warning) =>
        errors.WriteLine($"warning: {warning.Message} (its components are unavailable)");
}

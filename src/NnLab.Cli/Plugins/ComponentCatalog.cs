using System.CommandLine;
using Microsoft.Extensions.Configuration;
using NnLab.Plugins;
using NnLab.Registry;

namespace NnLab.Cli.Plugins;

/// <summary>
/// Builds the registry a command uses: the built-ins plus the plugins under ./plugins, appsettings.json
/// (<c>NnLab:Plugins</c>), <c>NNLAB_PLUGINS</c> and <c>--plugins DIR</c>. A plugin that fails to load stops the
/// command before anything runs, with the plugin's folder and the reason.
/// </summary>
internal sealed class ComponentCatalog(IConfiguration configuration)
{
    /// <summary>The repeatable, global <c>--plugins DIR</c> option.</summary>
    public static Option<string[]> Option { get; } = new("--plugins")
    {
        Description = "Also load plugins from DIR: a plugin folder, or a folder of plugin folders (repeatable).",
        HelpName = "DIR",
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>The registry, or null after printing every plugin that failed to load.</summary>
    public ComponentRegistry? Load(ParseResult parse, TextWriter errors)
    {
        string current = Directory.GetCurrentDirectory();
        var configured = configuration.GetSection("NnLab:Plugins").Get<string[]>() ?? [];
        var roots = PluginSources.Roots(current, configured,
            Environment.GetEnvironmentVariable(PluginSources.EnvironmentVariable), parse.GetValue(Option) ?? []);
        var (registry, failures) = PluginCatalog.Load(roots, optionalRoot: PluginSources.Display(Path.GetFullPath(PluginSources.DefaultFolder, current), current));
        if (failures.Count == 0) return registry;
        foreach (var failure in failures) errors.WriteLine($"error: {failure.Message}");
        errors.WriteLine($"{failures.Count} plugin error(s); nothing was run.");
        return null;
    }
}

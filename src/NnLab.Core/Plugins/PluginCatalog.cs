using NnLab.Registry;

namespace NnLab.Plugins;

/// <summary>A registry holding the built-ins plus every plugin found under the given roots.</summary>
public static class PluginCatalog
{
    /// <summary>
    /// Loads each plugin folder under <paramref name="roots"/>. A root named explicitly that does not exist is an
    /// error; the default ./plugins may be absent. A folder that fails is reported and the others still load.
    /// </summary>
    public static (ComponentRegistry Registry, IReadOnlyList<PluginLoadException> Errors) Load(
        IReadOnlyList<string> roots, string? optionalRoot = null)
    {
        var (registry, errors, _) = Load(roots, optionalRoot, strictRoots: roots);
        return (registry, errors);
    }

    /// <summary>
    /// As above, but only a failure under one of <paramref name="strictRoots"/> (the folders named with --plugins) is
    /// an error; one found by discovery (./plugins, appsettings, NNLAB_PLUGINS) is a warning: that folder's components
    /// are unavailable and everything else works, so one broken folder cannot block every command.
    /// </summary>
    public static (ComponentRegistry Registry, IReadOnlyList<PluginLoadException> Errors, IReadOnlyList<PluginLoadException> Warnings) Load(
        IReadOnlyList<string> roots, string? optionalRoot, IReadOnlyCollection<string> strictRoots)
    {
        var (registry, failures) = LoadAll(roots, optionalRoot);
        return (registry,
            failures.Where(f => strictRoots.Contains(f.Root)).Select(f => f.Error).ToList(),
            failures.Where(f => !strictRoots.Contains(f.Root)).Select(f => f.Error).ToList());
    }

    private static (ComponentRegistry, List<(string Root, PluginLoadException Error)>) LoadAll(IReadOnlyList<string> roots, string? optionalRoot)
    {
        NnLab.Diagnostics.StartupTrace.Mark("plugin sources");
        var registry = ComponentRegistry.CreateWithBuiltIns();
        NnLab.Diagnostics.StartupTrace.Mark("built-in components");
        var errors = new List<(string Root, PluginLoadException Error)>();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
            {
                if (root != optionalRoot) errors.Add((root, new PluginLoadException(root, "the folder does not exist")));
                continue;
            }
            var found = PluginDiscovery.PluginFolders(root);
            NnLab.Diagnostics.StartupTrace.Mark("plugin folders found");
            foreach (var folder in found)
            {
                try
                {
                    PluginLoader.LoadFolder(folder, registry);
                    NnLab.Diagnostics.StartupTrace.Mark("plugin loaded");
                }
                catch (PluginLoadException e)
                {
                    errors.Add((root, e));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or BadImageFormatException)
                {
                    // Whatever else a folder throws while loading is that folder's failure, not the command's.
                    errors.Add((root, new PluginLoadException(folder, $"{e.GetType().Name}: {e.Message}", e)));
                }
            }
        }
        return (registry, errors);
    }
}

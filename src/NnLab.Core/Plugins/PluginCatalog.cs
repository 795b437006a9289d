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
    /// <remarks>
    /// With <paramref name="deferredWarning"/>, the folders found by discovery are only checked now (the folder exists,
    /// ships no contracts copy of its own); their assemblies are loaded when the registry first needs a name it does not
    /// hold (<see cref="ComponentRegistry.Defer"/>), and a folder that fails then goes to <paramref name="deferredWarning"/>.
    /// A command using built-in components only loads no plugin assembly at all. Folders named with --plugins are loaded
    /// now, so that their failures still stop the command before anything runs.
    /// </remarks>
    public static (ComponentRegistry Registry, IReadOnlyList<PluginLoadException> Errors, IReadOnlyList<PluginLoadException> Warnings) Load(
        IReadOnlyList<string> roots, string? optionalRoot, IReadOnlyCollection<string> strictRoots,
        Action<PluginLoadException>? deferredWarning = null)
    {
        var (registry, failures) = LoadAll(roots, optionalRoot, deferredWarning is null ? null : root => !strictRoots.Contains(root),
            deferredWarning);
        // A loop rather than two queries over the (root, error) tuples, whose code is not precompiled for a tuple type.
        var (errors, warnings) = (new List<PluginLoadException>(), new List<PluginLoadException>());
        foreach (var (root, error) in failures) (strictRoots.Contains(root) ? errors : warnings).Add(error);
        return (registry, errors, warnings);
    }

    private static (ComponentRegistry, List<(string Root, PluginLoadException Error)>) LoadAll(IReadOnlyList<string> roots, string? optionalRoot,
        Func<string, bool>? deferred = null, Action<PluginLoadException>? deferredFailure = null)
    {
        NnLab.Diagnostics.StartupTrace.Mark("plugin sources");
        var registry = ComponentRegistry.CreateWithBuiltIns();
        NnLab.Diagnostics.StartupTrace.Mark("built-in components");
        var errors = new List<(string Root, PluginLoadException Error)>();
        var later = new List<string>();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
            {
                if (root != optionalRoot) errors.Add((root, new PluginLoadException(root, "the folder does not exist")));
                continue;
            }
            bool defer = deferred?.Invoke(root) == true;
            foreach (var folder in PluginDiscovery.PluginFolders(root))
            {
                var failure = defer
                    ? Try(folder, () => PluginLoader.CheckFolder(folder))
                    : Try(folder, () => PluginLoader.LoadFolder(folder, registry));
                if (failure is not null) errors.Add((root, failure));
                else if (defer) later.Add(folder);
            }
        }
        NnLab.Diagnostics.StartupTrace.Mark("plugin folders");
        if (later.Count > 0)
            registry.Defer(r =>
            {
                foreach (var folder in later)
                    if (Try(folder, () => PluginLoader.LoadFolder(folder, r)) is { } failure) deferredFailure?.Invoke(failure);
            });
        return (registry, errors);
    }

    /// <summary>Null, or why loading (or checking) one plugin folder failed.</summary>
    private static PluginLoadException? Try(string folder, Action load)
    {
        try
        {
            load();
            return null;
        }
        catch (PluginLoadException e)
        {
            return e;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or BadImageFormatException)
        {
            // Whatever else a folder throws while loading is that folder's failure, not the command's.
            return new PluginLoadException(folder, $"{e.GetType().Name}: {e.Message}", e);
        }
    }
}

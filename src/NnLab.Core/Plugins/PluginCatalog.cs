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
        var registry = ComponentRegistry.CreateWithBuiltIns();
        var errors = new List<PluginLoadException>();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
            {
                if (root != optionalRoot) errors.Add(new PluginLoadException(root, "the folder does not exist"));
                continue;
            }
            foreach (var folder in PluginDiscovery.PluginFolders(root))
            {
                try
                {
                    PluginLoader.LoadFolder(folder, registry);
                }
                catch (PluginLoadException e)
                {
                    errors.Add(e);
                }
            }
        }
        return (registry, errors);
    }
}

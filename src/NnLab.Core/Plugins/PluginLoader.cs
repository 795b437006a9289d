using System.Reflection;
using NnLab.Registry;

namespace NnLab.Plugins;

/// <summary>Loads plugin folders, each into its own <see cref="PluginLoadContext"/>, and registers their components.</summary>
public static class PluginLoader
{
    /// <summary>
    /// Registers every component of the plugin assemblies in <paramref name="folder"/>: each .dll with a .deps.json
    /// beside it (the output of a project with EnableDynamicLoading), or, without any .deps.json, each .dll.
    /// </summary>
    public static IReadOnlyList<ComponentDescriptor> LoadFolder(string folder, ComponentRegistry registry)
    {
        RejectOwnContractsCopy(folder);
        var added = new List<ComponentDescriptor>();
        foreach (var path in MainAssemblies(folder))
        {
            var assembly = LoadAssembly(folder, path);
            var source = $"plugin {folder} ({assembly.GetName().Name} {assembly.GetName().Version})";
            try
            {
                added.AddRange(registry.RegisterAssembly(assembly, source));
            }
            catch (Exception e) when (e is InvalidOperationException or ReflectionTypeLoadException or TypeLoadException)
            {
                throw new PluginLoadException(folder, e.Message, e);
            }
        }
        return added;
    }

    /// <summary>The checks of <see cref="LoadFolder"/> that need no assembly loaded (for a folder whose loading is put off).</summary>
    /// <exception cref="PluginLoadException">The folder ships its own copy of the contracts.</exception>
    public static void CheckFolder(string folder) => RejectOwnContractsCopy(folder);

    private static IEnumerable<string> MainAssemblies(string folder)
    {
        var dlls = Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToList();
        var withDeps = dlls.Where(d => File.Exists(Path.ChangeExtension(d, ".deps.json"))).ToList();
        return withDeps.Count > 0 ? withDeps : dlls;
    }

    private static Assembly LoadAssembly(string folder, string path)
    {
        RejectMalformedDependencyManifest(folder, path);
        try
        {
            return new PluginLoadContext(Path.GetFullPath(path)).LoadFromAssemblyPath(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new PluginLoadException(folder, $"{Path.GetFileName(path)} could not be loaded: {e.Message}", e);
        }
    }

    /// <summary>
    /// The runtime's native dependency resolver aborts the whole process on some malformed .deps.json files,
    /// so a manifest is checked here first: a broken plugin must not take NnLab down.
    /// </summary>
    private static void RejectMalformedDependencyManifest(string folder, string assemblyPath)
    {
        var manifest = Path.ChangeExtension(assemblyPath, ".deps.json");
        if (!File.Exists(manifest)) return;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
            var root = document.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("runtimeTarget", out _) && root.TryGetProperty("targets", out _)
                && root.TryGetProperty("libraries", out _)) return;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        throw new PluginLoadException(folder,
            $"{Path.GetFileName(manifest)} is not a valid dependency manifest (it needs runtimeTarget, targets and libraries); rebuild the plugin.");
    }

    /// <summary>
    /// A plugin that ships its own NnLab.Abstractions.dll was built so that its copy of the contracts is private;
    /// such a plugin's types would not be NnLab's ILayer (the classic type-identity trap), so it is refused with the fix.
    /// </summary>
    private static void RejectOwnContractsCopy(string folder)
    {
        if (!File.Exists(Path.Combine(folder, SharedAssemblies.Contracts + ".dll"))) return;
        throw new PluginLoadException(folder,
            $"it ships its own copy of {SharedAssemblies.Contracts}.dll. A plugin must use NnLab's copy, or its layers " +
            "are different types from the ILayer NnLab knows. Fix: in the plugin's .csproj reference NnLab.Abstractions with " +
            "<Private>false</Private> and <ExcludeAssets>runtime</ExcludeAssets>, rebuild, and delete the copy from the folder.");
    }
}

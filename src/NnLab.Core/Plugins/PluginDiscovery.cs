namespace NnLab.Plugins;

/// <summary>
/// Which folders hold plugins. A folder with .dll files is a plugin folder; otherwise each of its subfolders is
/// considered, and a subfolder holding a plugin project (*.csproj) stands for its Release build output. Nothing
/// else is scanned: code runs only from folders the user named.
/// </summary>
public static class PluginDiscovery
{
    public const string ProjectBuildOutput = "bin/Release/net10.0";

    public static IReadOnlyList<string> PluginFolders(string root)
    {
        if (!Directory.Exists(root)) return [];
        if (HasAssemblies(root)) return [root];
        var folders = new List<string>();
        foreach (var sub in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (HasAssemblies(sub)) folders.Add(sub);
            else if (Directory.GetFiles(sub, "*.csproj").Length > 0)
            {
                var output = Path.Combine(sub, ProjectBuildOutput);
                if (HasAssemblies(output)) folders.Add(output);
            }
        }
        return folders;
    }

    private static bool HasAssemblies(string folder) =>
        Directory.Exists(folder) && Directory.GetFiles(folder, "*.dll").Length > 0;
}

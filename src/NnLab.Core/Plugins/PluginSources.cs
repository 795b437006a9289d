namespace NnLab.Plugins;

/// <summary>
/// Where plugins come from, in order: ./plugins of the current directory, the configured folders
/// (appsettings.json <c>NnLab:Plugins</c>), the <c>NNLAB_PLUGINS</c> variable (a path list) and <c>--plugins DIR</c>.
/// Only these folders are ever scanned.
/// </summary>
public static class PluginSources
{
    public const string EnvironmentVariable = "NNLAB_PLUGINS";
    public const string DefaultFolder = "plugins";

    public static IReadOnlyList<string> Roots(string currentDirectory, IEnumerable<string> configured,
        string? environmentValue, IEnumerable<string> commandLine)
    {
        var fromEnvironment = (environmentValue ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new[] { DefaultFolder }
            .Concat(configured).Concat(fromEnvironment).Concat(commandLine)
            .Select(p => Display(Path.GetFullPath(p, currentDirectory), currentDirectory))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A folder under the current directory as a relative path (what users typed and recognise); others in full.</summary>
    public static string Display(string fullPath, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, fullPath);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.IsPathRooted(relative)
            ? fullPath
            : relative;
    }
}

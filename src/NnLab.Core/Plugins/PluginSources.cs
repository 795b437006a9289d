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
            .Select(p => Path.GetFullPath(p, currentDirectory))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}

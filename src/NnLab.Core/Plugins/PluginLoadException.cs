namespace NnLab.Plugins;

/// <summary>A plugin folder could not be loaded; the message names the folder, the culprit and the fix.</summary>
public sealed class PluginLoadException(string folder, string message, Exception? inner = null)
    : Exception($"plugin {folder}: {message}", inner)
{
    public string Folder { get; } = folder;
}

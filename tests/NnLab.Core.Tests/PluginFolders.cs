namespace NnLab.Tests;

/// <summary>Copies a plugin project's build output (same configuration as the tests) into a fresh temporary folder.</summary>
internal static class PluginFolders
{
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NnLab.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("NnLab.sln not found above the test folder");
        }
    }

    private static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string BuildOutput(string projectFolder) =>
        Path.Combine(RepositoryRoot, projectFolder, "bin", Configuration, "net10.0");

    public static string CopyToTemp(string projectFolder)
    {
        var target = Path.Combine(Path.GetTempPath(), "nnlab-plugin-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(BuildOutput(projectFolder)))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    public const string Swish = "plugins/NnLab.Plugins.Swish";
    public const string Broken = "tests/plugins/NnLab.TestPlugins.Broken";
}

namespace NnLab.Cli.Tests;

/// <summary>Paths into this checkout: the shipped experiments and the plugin projects' build output.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Experiment(string name) => Path.Combine(Root, "experiments", name);

    /// <summary>A copy of a plugin project's build output (same configuration as the tests) in a new temporary folder.</summary>
    public static string CopyPlugin(string projectFolder, string into)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string output = Path.Combine(Root, projectFolder, "bin", configuration, "net10.0");
        Directory.CreateDirectory(into);
        foreach (var file in Directory.GetFiles(output)) File.Copy(file, Path.Combine(into, Path.GetFileName(file)));
        return into;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NnLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NnLab.sln not found above " + AppContext.BaseDirectory);
    }
}

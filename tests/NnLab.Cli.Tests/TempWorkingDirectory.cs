namespace NnLab.Cli.Tests;

/// <summary>A fresh directory holding a copy of the XOR experiment file, used as nnlab's working directory.</summary>
public sealed class TempWorkingDirectory : IDisposable
{
    public const string Experiment = "xor.yaml";

    public TempWorkingDirectory()
    {
        Directory.CreateDirectory(Path);
        File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", Experiment), Combine(Experiment));
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nnlab-cli-tests-" + Guid.NewGuid().ToString("N"));

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Everything in the directory, relative, sorted: to show that a command wrote nothing.</summary>
    public string[] Entries() =>
        Directory.GetFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Select(e => System.IO.Path.GetRelativePath(Path, e)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a leftover temp folder is not worth failing a test over
    }
}

using System.Diagnostics;

namespace NnLab.Cli.Tests;

/// <summary>
/// A small tmpfs mounted for a test (it fails, not skips, where it cannot mount: the tests run as root, as CI does),
/// nearly filled by a ballast file that <see cref="Free"/> deletes, as a user frees space on a full disk.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    public SmallDisk(int sizeKb, int freeKb)
    {
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k", "tmpfs", Path);
        Assert.True(code == 0, $"cannot mount a small tmpfs (the tests run as root, as CI does): {output}");
        var drive = new DriveInfo(Path);
        long ballast = drive.AvailableFreeSpace - freeKb * 1024L;
        Assert.True(ballast > 0, $"a {sizeKb} KB tmpfs has only {drive.AvailableFreeSpace} bytes free");
        File.WriteAllBytes(Combine("ballast"), new byte[ballast]);
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("nnlab-small-disk-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Deletes the ballast: the disk has room again.</summary>
    public void Free() => File.Delete(Combine("ballast"));

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int, string) Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

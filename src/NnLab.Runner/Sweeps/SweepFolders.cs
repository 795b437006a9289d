using NnLab.Experiments.Sweeps;
using NnLab.Runner.IO;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Finds the folder a sweep runs into: a new <c>sweeps/&lt;name&gt;/&lt;UTC time&gt;</c> or --out folder (with
/// sweep.yaml written), or the --resume folder, whose manifest must carry this sweep's definition hash.
/// </summary>
internal static class SweepFolders
{
    /// <summary>The folder, and the manifest of the earlier run when resuming.</summary>
    public static (RunFolder Folder, SweepManifest? Previous) Open(Sweep sweep, SweepRunOptions options, DateTimeOffset utcNow)
    {
        if (options.ResumeDirectory is { } resume)
        {
            if (options.OutputDirectory is not null) throw new SweepFolderException("use either --out (a new sweep) or --resume (an earlier one), not both.");
            return Resume(sweep, resume);
        }
        var folder = Create(sweep, options, utcNow);
        try
        {
            AtomicFile.WriteAllText(folder.PathOf(SweepFiles.Definition), sweep.SourceText);
        }
        catch (IOException e) when (WholeLineFile.IsDiskFull(e))
        {
            throw new SweepDiskFullException(folder.DisplayPath, resumable: false, e);
        }
        return (folder, null);
    }

    private static RunFolder Create(Sweep sweep, SweepRunOptions options, DateTimeOffset utcNow)
    {
        try
        {
            return options.OutputDirectory is { } output
                ? RunFolder.CreateAt(output)
                : RunFolder.CreateTimestamped(options.SweepsRoot, sweep.Name, utcNow);
        }
        catch (RunFolderException e)
        {
            throw new SweepFolderException(e.Message, e);
        }
    }

    private static (RunFolder, SweepManifest) Resume(Sweep sweep, string directory)
    {
        if (!Directory.Exists(directory)) throw new SweepFolderException($"cannot resume '{directory}': no such folder.");
        var previous = ManifestFile.Read(Path.Combine(directory, SweepFiles.Manifest));
        if (previous.DefinitionHash != sweep.DefinitionHash)
            throw new SweepFolderException(
                $"cannot resume '{directory}': it holds a different sweep (definition {Short(previous.DefinitionHash)}, this file gives {Short(sweep.DefinitionHash)}). "
                + "Some trial's configuration, data, order or label differs: resume with the file, data and --set options the sweep was started with, or start a new sweep.");
        return (RunFolder.Existing(directory), previous);
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}

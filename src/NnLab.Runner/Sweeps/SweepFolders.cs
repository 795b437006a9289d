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

    private static (RunFolder, SweepManifest?) Resume(Sweep sweep, string directory)
    {
        if (!Directory.Exists(directory)) throw new SweepFolderException($"cannot resume '{directory}': no such folder.");
        if (!File.Exists(Path.Combine(directory, SweepFiles.Manifest)) && KilledAsItStarted(directory))
        {
            // No trial ran and nothing was recorded: the sweep starts again in this folder, with this file.
            RemoveTemporaryFiles(directory);
            AtomicFile.WriteAllText(Path.Combine(directory, SweepFiles.Definition), sweep.SourceText);
            return (RunFolder.Existing(directory), null);
        }
        var previous = ManifestFile.Read(Path.Combine(directory, SweepFiles.Manifest));
        if (previous.DefinitionHash != sweep.DefinitionHash)
            throw new SweepFolderException(
                $"cannot resume '{directory}': it holds a different sweep (definition {Short(previous.DefinitionHash)}, this file gives {Short(sweep.DefinitionHash)}). "
                + "Some trial's configuration, data, order or label differs: resume with the file, data and --set options the sweep was started with, or start a new sweep.");
        return (RunFolder.Existing(directory), previous);
    }

    /// <summary>
    /// True for the folder of a sweep killed after it wrote sweep.yaml (or began to) and before its first trials.json:
    /// it holds nothing else but its reserve, its lock and temporary files (so no state file, log or trial folder).
    /// </summary>
    private static bool KilledAsItStarted(string directory)
    {
        var names = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).ToList();
        return names.Any(n => n == SweepFiles.Definition || IsTemporaryOf(n!, SweepFiles.Definition))
            && names.All(n => n is SweepFiles.Definition or DiskReserve.FileName or FolderLock.SweepFileName || IsTemporary(n!));
    }

    /// <summary>
    /// Deletes what writes interrupted by a kill left in the sweep folder: the temporary files of trials.json, the
    /// summaries, sweep.yaml and the report (their finished versions are whole: each is written under a temporary name
    /// and renamed). Only for a caller holding the folder's lock (no other process writes there then); another
    /// process's attempt to take the lock is left alone.
    /// </summary>
    public static void RemoveTemporaryFiles(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory, "*.tmp"))
        {
            string name = Path.GetFileName(file);
            if (IsTemporary(name) && !IsTemporaryOf(name, FolderLock.SweepFileName)) File.Delete(file);
        }
    }

    // AtomicFile writes NAME as .NAME.<guid>.tmp; the report writes NAME.tmp.
    private static bool IsTemporary(string name) => name.EndsWith(".tmp", StringComparison.Ordinal);

    private static bool IsTemporaryOf(string name, string target) =>
        name.StartsWith("." + target + ".", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal);

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}

using System.Text.Json;
using NnLab.Runner.Output;

namespace NnLab.Runner.Sweeps;

/// <summary>Reads and writes trials.json, in the same JSON conventions as summary.json.</summary>
public static class ManifestFile
{
    /// <summary>Replaces the file atomically: a reader, or a sweep killed mid-write, sees the old or the new manifest, never a torn one.</summary>
    public static void Write(string path, SweepManifest manifest) =>
        NnLab.Runner.IO.AtomicFile.Write(path, stream =>
        {
            JsonSerializer.Serialize(stream, manifest, RunJson.Options);
            stream.WriteByte((byte)'\n');
        });

    /// <summary>The manifest at <paramref name="path"/>; a missing or unreadable one is a <see cref="SweepFolderException"/>.</summary>
    public static SweepManifest Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            return JsonSerializer.Deserialize<SweepManifest>(stream, RunJson.Options)
                ?? throw new JsonException("the file holds null");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "it has no trials.json" : e.Message;
            throw new SweepFolderException($"cannot read the sweep's manifest '{path}': {reason}", e);
        }
    }
}

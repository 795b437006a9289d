namespace NnLab.Runner.Sweeps;

/// <summary>
/// The disk filled up under a sweep before it could record a result: what it wrote is whole (state lines, atomic
/// files), and once there is space <c>nnlab sweep FILE --resume</c> continues it when <see cref="Resumable"/> (its
/// folder has trials.json), else it is to be started again.
/// </summary>
public sealed class SweepDiskFullException(string folder, bool resumable, IOException inner)
    : IOException($"disk full: {inner.Message}", inner)
{
    /// <summary>The sweep folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>The folder holds trials.json: <c>--resume</c> continues the sweep.</summary>
    public bool Resumable { get; } = resumable;
}

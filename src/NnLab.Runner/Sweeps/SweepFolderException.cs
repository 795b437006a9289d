namespace NnLab.Runner.Sweeps;

/// <summary>The sweep folder cannot be used: --out is taken, or --resume names a folder of another sweep or no sweep.</summary>
public sealed class SweepFolderException(string message, Exception? inner = null) : Exception(message, inner);

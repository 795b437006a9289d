namespace NnLab.Runner;

/// <summary>The run folder cannot be used (an --out folder that is not empty, a path that is a file, ...).</summary>
public sealed class RunFolderException(string message, Exception? inner = null) : Exception(message, inner);

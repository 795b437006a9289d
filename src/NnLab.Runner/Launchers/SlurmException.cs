namespace NnLab.Runner.Launchers;

/// <summary>A Slurm command is missing, refused a submission, or the sweep cannot be launched as asked (exit 2).</summary>
public sealed class SlurmException(string message) : Exception(message);

namespace NnLab.Experiments;

/// <summary>One problem in an experiment file, located to file:line:column and the key path.</summary>
public sealed record ConfigError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>"experiments/xor.yaml:12:15: model[0].units: must be at least 1, got 0"</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Path) ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column}: {Path}: {Message}";
}

namespace NnLab.Experiments;

/// <summary>A <c>--set path=value</c> from the command line, recorded in the run folder.</summary>
public sealed record ConfigOverride(string Path, string Value)
{
    public override string ToString() => $"{Path}={Value}";
}

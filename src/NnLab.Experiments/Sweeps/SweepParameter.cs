namespace NnLab.Experiments.Sweeps;

/// <summary>One value a trial sets: the axis path (or "repeat" and "seed" for repeats) and the value as one-line YAML.</summary>
public sealed record SweepParameter(string Name, string Value)
{
    public override string ToString() => $"{Name}={Value}";
}

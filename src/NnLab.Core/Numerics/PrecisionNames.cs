namespace NnLab.Numerics;

/// <summary>The configuration names of <see cref="Precision"/> and the element type each stands for.</summary>
public static class PrecisionNames
{
    public const Precision Default = Precision.Float64;

    /// <summary>"float64" or "float32".</summary>
    public static string Name(this Precision precision) => precision switch
    {
        Precision.Float64 => "float64",
        Precision.Float32 => "float32",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>typeof(double) or typeof(float).</summary>
    public static Type ElementType(this Precision precision) => precision switch
    {
        Precision.Float64 => typeof(double),
        Precision.Float32 => typeof(float),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>The precisions <paramref name="component"/> can run in, float64 first.</summary>
    public static IReadOnlyList<Precision> SupportedBy(Registry.ComponentDescriptor component) =>
        Enum.GetValues<Precision>().Where(p => component.Supports(p.ElementType())).ToList();

    /// <summary>Parses "float64" or "float32" (any case); false for anything else.</summary>
    public static bool TryParse(string? name, out Precision precision)
    {
        foreach (var candidate in Enum.GetValues<Precision>())
        {
            if (string.Equals(name, candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                precision = candidate;
                return true;
            }
        }
        precision = Default;
        return false;
    }
}

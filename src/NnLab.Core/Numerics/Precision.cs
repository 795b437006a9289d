namespace NnLab.Numerics;

/// <summary>The element type a run computes in (YAML: <c>precision: float64 | float32</c>).</summary>
public enum Precision
{
    /// <summary>double: the default, and the precision the tutorials' printed figures hold in.</summary>
    Float64,

    /// <summary>float: half the memory and about twice the arithmetic rate, with about 7 significant digits.</summary>
    Float32,
}

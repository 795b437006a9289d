namespace NnLab.Numerics.Gemm;

/// <summary>
/// Where a micro-kernel reads its A sliver from, as a type argument, so the packed case compiles with constant
/// offsets (measured: runtime strides there cost the tile 10-15%).
/// </summary>
internal interface ISliverLayout
{
    static abstract bool IsPacked { get; }
}

/// <summary>A packed sliver: kc steps of Mr consecutive values.</summary>
internal struct PackedSliver : ISliverLayout
{
    public static bool IsPacked => true;
}

/// <summary>A read where it lies in the operand, with the operand's own strides.</summary>
internal struct InPlaceSliver : ISliverLayout
{
    public static bool IsPacked => false;
}

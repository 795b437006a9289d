namespace NnLab.Numerics.Gemm;

/// <summary>
/// Which height of its tile a kernel runs, as a type argument so each compiles to its own register set: the full Mr
/// rows, or the short tile for the last rows of C (<see cref="IMicroKernel{T}.ShortMr"/>). A block of 128 rows is 20
/// full 6-row tiles and two 4-row ones, where full tiles alone compute 132 rows, and their last sliver as edge tiles.
/// </summary>
internal interface ITileRows
{
    static abstract bool IsShort { get; }
}

/// <summary>The kernel's full Mr rows.</summary>
internal struct FullRows : ITileRows
{
    public static bool IsShort => false;
}

/// <summary>The kernel's short tile, <see cref="IMicroKernel{T}.ShortMr"/> rows.</summary>
internal struct ShortRows : ITileRows
{
    public static bool IsShort => true;
}

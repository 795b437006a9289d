namespace NnLab.Numerics.Gemm;

/// <summary>
/// Cache block sizes of the blocked product: k slices of at most Kc (a 6×Kc A sliver, 12 KB, stays in L1 while
/// B slivers stream past it), row blocks of Mc, column panels of Nc (a Kc×Nc packed B panel lives in L3).
/// </summary>
internal readonly record struct GemmBlocking(int Kc, int Mc, int Nc)
{
    public static GemmBlocking Default { get; } = new(256, 72, 4080);
}

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Cache block sizes of the blocked product, in elements: k slices of at most Kc (a 6×Kc A sliver, 12 KB of doubles
/// or 6 KB of floats, stays in L1 while B slivers stream past it), row blocks of Mc, column panels of Nc (a Kc×Nc
/// packed B panel lives in L3); panels up to InPlaceAColumns wide read A where it lies instead of packing it.
/// </summary>
/// <remarks>
/// Floats use the same sizes: Kc = 384 or 512 (the double's bytes) measured within noise of 256 for float32 here —
/// a few percent faster on 1024² products, a few percent slower on 512×784·784×8192.
/// </remarks>
internal readonly record struct GemmBlocking(int Kc, int Mc, int Nc, int InPlaceAColumns = 256)
{
    public static GemmBlocking Default { get; } = new(256, 72, 4080);
}

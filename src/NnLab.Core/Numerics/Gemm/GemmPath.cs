namespace NnLab.Numerics.Gemm;

/// <summary>
/// How <see cref="FastGemm{T}"/> computes a product. Auto picks by size; the others force one path, so tests can run a
/// shape down every path and check they agree bit for bit.
/// </summary>
internal enum GemmPath
{
    Auto,
    /// <summary>Plain loops over the stored layouts, no packing.</summary>
    Small,
    /// <summary>Packed and cache-blocked, on the calling thread.</summary>
    Blocked,
    /// <summary>Packed, cut into chunks that the caller and the pooled workers share.</summary>
    Parallel,
}

using System.Numerics;

namespace NnLab.Numerics.Gemm;

/// <summary>What a product does to its finished outputs besides storing them.</summary>
internal enum GemmEpilogueKind
{
    None,
    /// <summary>c += bias[row]; then, when <see cref="GemmEpilogue{T}.Other"/> is set, other = max(c, 0).</summary>
    AddRowBias,
    /// <summary>c = other &gt; 0 ? c : 0 (the ReLU's gradient applied to an input gradient).</summary>
    WherePositive,
}

/// <summary>
/// Element-wise work applied to finished outputs before they leave the product — by the register tiles as they
/// store (<see cref="BlockedGemm{T, TKernel}"/>), or to each block the other paths finish — instead of in a separate
/// pass over the whole result afterwards: the linear layer's bias and a following ReLU, or the ReLU
/// gradient below it. Each element gets exactly the operations the separate passes would apply, so results are
/// bit-identical either way; split products apply it per chunk, on whichever thread computes the chunk.
/// </summary>
/// <param name="Kind">Which work.</param>
/// <param name="Bias">One value per row of C (AddRowBias), or null for none.</param>
/// <param name="Other">AddRowBias: where to write max(c, 0), or null; WherePositive: the mask operand. Shaped like C.</param>
internal readonly record struct GemmEpilogue<T>(GemmEpilogueKind Kind, T[]? Bias, T[]? Other)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool IsNone => Kind == GemmEpilogueKind.None;

    /// <summary>Applies to C[index .. index + count), which lies within one row of C (rows are <paramref name="ldc"/> apart).</summary>
    public void Apply(T[] c, int index, int count, int ldc)
    {
        var values = c.AsSpan(index, count);
        switch (Kind)
        {
            case GemmEpilogueKind.AddRowBias when Other is null:
                if (Bias is not null) Elementwise.AddScalar(values, Bias[index / ldc]);
                break;
            case GemmEpilogueKind.AddRowBias when Bias is null:
                Elementwise.Relu<T>(values, Other.AsSpan(index, count));
                break;
            case GemmEpilogueKind.AddRowBias:
                Elementwise.AddScalarRelu(values, Bias[index / ldc], Other.AsSpan(index, count));
                break;
            case GemmEpilogueKind.WherePositive:
                Elementwise.ReluGradient<T>(Other.AsSpan(index, count), values, T.Zero, values);
                break;
        }
    }

    /// <summary>Applies to every row of an M×N block of C starting at <paramref name="offset"/>.</summary>
    public void ApplyToBlock(T[] c, int offset, int ldc, int m, int n)
    {
        if (IsNone) return;
        for (int i = 0; i < m; i++) Apply(c, offset + i * ldc, n, ldc);
    }
}

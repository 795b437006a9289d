namespace NnLab.Numerics.Gemm;

/// <summary>
/// What a register tile does with its finished values as it stores them (the product's epilogue, applied while the
/// values are still in registers), as a type argument so each kind compiles to straight-line stores. Each is exactly
/// the operation of the separate pass it replaces (<see cref="GemmEpilogue{T}.Apply"/>), so results are bit-identical.
/// </summary>
internal interface ITileFinish
{
    /// <summary>c = v + bias of the row.</summary>
    static abstract bool AddsBias { get; }

    /// <summary>other = v &gt; 0 ? v : 0, and c = v too unless other is c itself (then only the ReLU's output is kept).</summary>
    static abstract bool AppliesRelu { get; }

    /// <summary>c = other &gt; 0 ? v : 0 (the ReLU's gradient).</summary>
    static abstract bool MasksWherePositive { get; }
}

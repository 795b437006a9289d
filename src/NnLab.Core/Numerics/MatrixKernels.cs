namespace NnLab.Numerics;

/// <summary>Which implementation of the matrix products a run uses (YAML: <c>kernels: reference | fast</c>).</summary>
public enum MatrixKernels
{
    /// <summary>
    /// <see cref="ReferenceMatrixOperations{T}"/>: one chain per element, separate multiply and add in k order — reproduces the
    /// tutorial's NumPy numbers. The default.
    /// </summary>
    Reference,

    /// <summary>
    /// <see cref="FastMatrixOperations{T}"/>: packed FMA kernels on every core; deterministic for a given machine, equal to
    /// the reference up to rounding (XOR's printed costs still hold to 1e-12).
    /// </summary>
    Fast,
}

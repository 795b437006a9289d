using System.Numerics;

namespace NnLab.Numerics;

/// <summary>Creates the <see cref="IMatrixOperations{T}"/> for a <see cref="MatrixKernels"/> choice.</summary>
public static class MatrixOperations
{
    /// <summary>The choice when none is made.</summary>
    public const MatrixKernels DefaultKernels = MatrixKernels.Reference;

    /// <param name="kernels">Reference or fast products.</param>
    /// <param name="threads">Fast kernels only: threads per product, 0 (the default) for every core.</param>
    public static IMatrixOperations<T> Create<T>(MatrixKernels kernels, int threads = 0) where T : IFloatingPointIeee754<T> =>
        kernels switch
        {
            MatrixKernels.Reference => ReferenceMatrixOperations<T>.Instance,
            MatrixKernels.Fast => FastFor<T>(threads),
            _ => throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "unknown matrix kernels"),
        };

    // The fast kernels need an unmanaged element type; the precisions NnLab runs are double and float.
    private static IMatrixOperations<T> FastFor<T>(int threads) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double)) return (IMatrixOperations<T>)(object)Fast<double>(threads);
        if (typeof(T) == typeof(float)) return (IMatrixOperations<T>)(object)Fast<float>(threads);
        throw new NotSupportedException($"The fast kernels run double and float, not {typeof(T).Name}.");
    }

    private static FastMatrixOperations<T> Fast<T>(int threads) where T : unmanaged, IFloatingPointIeee754<T> =>
        threads == 0 ? FastMatrixOperations<T>.Instance : new FastMatrixOperations<T>(threads);

    /// <summary>The configuration name: "reference" or "fast".</summary>
    public static string Name(MatrixKernels kernels) => kernels switch
    {
        MatrixKernels.Reference => "reference",
        MatrixKernels.Fast => "fast",
        _ => throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "unknown matrix kernels"),
    };

    /// <summary>Parses a configuration name ("reference" or "fast", any case); false for anything else.</summary>
    public static bool TryParse(string? name, out MatrixKernels kernels)
    {
        foreach (var candidate in Enum.GetValues<MatrixKernels>())
        {
            if (string.Equals(name, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kernels = candidate;
                return true;
            }
        }
        kernels = DefaultKernels;
        return false;
    }
}

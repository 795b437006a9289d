using System.Numerics;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>Which register tile the blocked product uses; its width in elements follows the element type.</summary>
internal enum GemmKernel
{
    Scalar4x4,
    Vector256Fma,
    Vector512Fma,
}

internal static class GemmKernels
{
    /// <summary>The widest accelerated FMA tile of this machine (scalar when vectors or FMA are missing).</summary>
    public static readonly GemmKernel Best =
        !FusedArithmetic.IsFused ? GemmKernel.Scalar4x4
        : Vector512.IsHardwareAccelerated ? GemmKernel.Vector512Fma
        : Vector256.IsHardwareAccelerated ? GemmKernel.Vector256Fma
        : GemmKernel.Scalar4x4;
}

/// <summary>The tiles over one element type: their shapes, names, and the blocked product specialised for each.</summary>
internal static class GemmKernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Vector512Fma => Vector512Kernel<T>.Mr,
        GemmKernel.Vector256Fma => Vector256Kernel<T>.Mr,
        _ => ScalarKernel4x4<T>.Mr,
    };

    public static int Nr(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Vector512Fma => Vector512Kernel<T>.Nr,
        GemmKernel.Vector256Fma => Vector256Kernel<T>.Nr,
        _ => ScalarKernel4x4<T>.Nr,
    };

    /// <summary>E.g. "avx2-fma 6x8" for double, "avx2-fma 6x16" for float.</summary>
    public static string Name(GemmKernel kernel)
    {
        string isa = kernel switch
        {
            GemmKernel.Vector512Fma => "avx512-fma",
            GemmKernel.Vector256Fma => "avx2-fma",
            _ => FusedArithmetic.IsFused ? "scalar-fma" : "scalar",
        };
        return $"{isa} {Mr(kernel)}x{Nr(kernel)}";
    }

    /// <summary>Sizes the calling thread's buffers for <paramref name="problem"/>, so running any part of it allocates nothing.</summary>
    public static void Reserve(in GemmProblem<T> problem, GemmKernel kernel)
    {
        var workspace = GemmWorkspace<T>.Current;
        if (SkinnyGemm<T>.Fits(problem, kernel))
        {
            SkinnyGemm<T>.Reserve(problem, workspace);
            return;
        }
        switch (kernel)
        {
            case GemmKernel.Vector512Fma: BlockedGemm<T, Vector512Kernel<T>>.Reserve(problem, workspace); break;
            case GemmKernel.Vector256Fma: BlockedGemm<T, Vector256Kernel<T>>.Reserve(problem, workspace); break;
            default: BlockedGemm<T, ScalarKernel4x4<T>>.Reserve(problem, workspace); break;
        }
    }

    /// <summary>Runs the blocked product on the calling thread (the unpacked one for a few rows, <see cref="SkinnyGemm{T}"/>).</summary>
    public static void RunBlocked(in GemmProblem<T> problem, GemmKernel kernel) => RunBlocked(problem, kernel, GemmBlocking.Default);

    /// <summary>Runs the blocked product with the given block sizes (tests use small ones to cross every block edge).</summary>
    public static void RunBlocked(in GemmProblem<T> problem, GemmKernel kernel, GemmBlocking blocking)
    {
        var workspace = GemmWorkspace<T>.Current;
        if (SkinnyGemm<T>.Fits(problem, kernel))
        {
            SkinnyGemm<T>.Run(problem, workspace);
            return;
        }
        switch (kernel)
        {
            case GemmKernel.Vector512Fma: BlockedGemm<T, Vector512Kernel<T>>.Run(problem, workspace, blocking); break;
            case GemmKernel.Vector256Fma: BlockedGemm<T, Vector256Kernel<T>>.Run(problem, workspace, blocking); break;
            default: BlockedGemm<T, ScalarKernel4x4<T>>.Run(problem, workspace, blocking); break;
        }
    }
}

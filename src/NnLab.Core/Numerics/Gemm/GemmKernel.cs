using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>Which register tile the blocked product uses.</summary>
internal enum GemmKernel
{
    Scalar4x4,
    Vector256Fma6x8,
    Vector512Fma6x16,
}

internal static class GemmKernels
{
    /// <summary>The widest accelerated FMA tile of this machine (scalar when vectors or FMA are missing).</summary>
    public static readonly GemmKernel Best =
        !FusedArithmetic.IsFused ? GemmKernel.Scalar4x4
        : Vector512.IsHardwareAccelerated ? GemmKernel.Vector512Fma6x16
        : Vector256.IsHardwareAccelerated ? GemmKernel.Vector256Fma6x8
        : GemmKernel.Scalar4x4;

    public static int Mr(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Vector512Fma6x16 => Vector512Kernel6x16.Mr,
        GemmKernel.Vector256Fma6x8 => Vector256Kernel6x8.Mr,
        _ => ScalarKernel4x4.Mr,
    };

    public static int Nr(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Vector512Fma6x16 => Vector512Kernel6x16.Nr,
        GemmKernel.Vector256Fma6x8 => Vector256Kernel6x8.Nr,
        _ => ScalarKernel4x4.Nr,
    };

    /// <summary>Sizes the calling thread's buffers for <paramref name="problem"/>, so running any part of it allocates nothing.</summary>
    public static void Reserve(in GemmProblem problem, GemmKernel kernel)
    {
        var workspace = GemmWorkspace.Current;
        switch (kernel)
        {
            case GemmKernel.Vector512Fma6x16: BlockedGemm<Vector512Kernel6x16>.Reserve(problem, workspace); break;
            case GemmKernel.Vector256Fma6x8: BlockedGemm<Vector256Kernel6x8>.Reserve(problem, workspace); break;
            default: BlockedGemm<ScalarKernel4x4>.Reserve(problem, workspace); break;
        }
    }

    /// <summary>Runs the blocked product on the calling thread.</summary>
    public static void RunBlocked(in GemmProblem problem, GemmKernel kernel)
    {
        var workspace = GemmWorkspace.Current;
        switch (kernel)
        {
            case GemmKernel.Vector512Fma6x16: BlockedGemm<Vector512Kernel6x16>.Run(problem, workspace); break;
            case GemmKernel.Vector256Fma6x8: BlockedGemm<Vector256Kernel6x8>.Run(problem, workspace); break;
            default: BlockedGemm<ScalarKernel4x4>.Run(problem, workspace); break;
        }
    }
}

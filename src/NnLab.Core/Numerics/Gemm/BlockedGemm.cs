using System.Runtime.CompilerServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// The cache-blocked product (Goto/BLIS loop order): for each Nc-column panel and Kc-deep slice, pack B into L3/L2,
/// then for each Mc-row block pack A into L2, then sweep Nr-column B slivers (held in L1) against Mr-row A slivers.
/// k slices are visited in order and each tile continues its FMA chain from C, so results do not depend on the blocking.
/// </summary>
internal static class BlockedGemm<TKernel> where TKernel : struct, IMicroKernel
{
    public const int Kc = 256;
    public const int Mc = 72;
    public const int Nc = 4080;

    public static void Run(in GemmProblem pr, GemmWorkspace workspace)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        int kcMax = Math.Min(Kc, pr.K);
        int ncMax = Math.Min(Nc, RoundUp(pr.N, nr));
        int mcMax = Math.Min(Mc, RoundUp(pr.M, mr));
        ref double packedB = ref workspace.PackedB(kcMax * ncMax);
        ref double packedA = ref workspace.PackedA(kcMax * mcMax);
        var tile = workspace.Tile;

        for (int jc = 0; jc < pr.N; jc += Nc)
        {
            int nc = Math.Min(Nc, pr.N - jc);
            for (int pc = 0; pc < pr.K; pc += Kc)
            {
                int kc = Math.Min(Kc, pr.K - pc);
                bool accumulate = pc > 0;
                GemmPacking<TKernel>.PackB(pr, jc, nc, pc, kc, ref packedB);
                for (int ic = 0; ic < pr.M; ic += Mc)
                {
                    int mc = Math.Min(Mc, pr.M - ic);
                    GemmPacking<TKernel>.PackA(pr, ic, mc, pc, kc, ref packedA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        ref double bSliver = ref Unsafe.Add(ref packedB, (nint)jr * kc);
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir);
                            ref double aSliver = ref Unsafe.Add(ref packedA, (nint)ir * kc);
                            int cIndex = pr.COffset + (ic + ir) * pr.Ldc + jc + jr;
                            if (rows == mr && cols == nr)
                                TKernel.Run(kc, ref aSliver, ref bSliver, ref pr.C[cIndex], pr.Ldc, accumulate);
                            else
                                EdgeTile(kc, ref aSliver, ref bSliver, pr.C, cIndex, pr.Ldc, rows, cols, accumulate, tile);
                        }
                    }
                }
            }
        }
    }

    private static void EdgeTile(int kc, ref double a, ref double b, double[] c, int cIndex, int ldc, int rows, int cols,
        bool accumulate, double[] tile)
    {
        int nr = TKernel.Nr;
        if (accumulate)
            for (int r = 0; r < rows; r++)
                c.AsSpan(cIndex + r * ldc, cols).CopyTo(tile.AsSpan(r * nr, cols));
        TKernel.Run(kc, ref a, ref b, ref tile[0], nr, accumulate);
        for (int r = 0; r < rows; r++)
            tile.AsSpan(r * nr, cols).CopyTo(c.AsSpan(cIndex + r * ldc, cols));
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}

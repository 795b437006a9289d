using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// The cache-blocked product: for each Nc-column panel and k slice, pack B (L3), then for each Mc-row block pack A
/// (or, in a narrow panel, read a row-major A where it lies: <see cref="ReadsAInPlace"/>), and sweep each Mr-row A
/// sliver (held in L1) along the panel's Nr-column B slivers, so C is written row-tile by
/// row-tile in address order. (Measured here against the BLIS order, B sliver in L1 and A slivers from L2: this order
/// is as fast on square products and ~10% faster on 512×784·784×8192, whose C rows are 64 KB apart.)
/// k slices are visited in increasing order and each tile continues its FMA chains from C, so results do not depend
/// on the blocking. The epilogue is applied by the tiles of the last k slice as they store (<see cref="ITileFinish"/>),
/// not in a pass over C afterwards (measured: 512×784·784×8192 with bias and ReLU went from 164 to 153 ms, 3 ms over
/// the product without them; a separate pass reads back C rows that are 64 KB apart). The last rows of a block go in
/// the kernel's short tiles where that computes fewer rows (<see cref="EndsWithShortTiles"/>; digits' 128- and 64-row
/// products 6-9% faster, its 64×10·10×1797 one 35%: the 6-row tile had computed 132 rows for 128, and the last sliver
/// went through edge tiles).
/// </summary>
internal static class BlockedGemm<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : struct, IMicroKernel<T>
{
    public static void Run(in GemmProblem<T> pr, GemmWorkspace<T> workspace) => Run(pr, workspace, GemmBlocking.Default);

    /// <summary>Grows <paramref name="workspace"/> now to what <paramref name="pr"/> (or any part of it) needs.</summary>
    public static void Reserve(in GemmProblem<T> pr, GemmWorkspace<T> workspace)
    {
        var (kcMax, mcMax, ncMax) = Blocks(pr, GemmBlocking.Default);
        workspace.PackedB(kcMax * ncMax);
        workspace.PackedA(kcMax * mcMax);
    }

    /// <summary>Runs the product with its epilogue applied by the tiles as they store the last k slice.</summary>
    public static void Run(in GemmProblem<T> pr, GemmWorkspace<T> workspace, GemmBlocking blocking)
    {
        var e = pr.Epilogue;
        switch (e.Kind)
        {
            case GemmEpilogueKind.AddRowBias when e.Bias is not null && e.Other is not null:
                Run<AddBiasThenRelu>(pr, workspace, blocking); break;
            case GemmEpilogueKind.AddRowBias when e.Bias is not null: Run<AddBias>(pr, workspace, blocking); break;
            case GemmEpilogueKind.AddRowBias when e.Other is not null: Run<ApplyRelu>(pr, workspace, blocking); break;
            case GemmEpilogueKind.WherePositive: Run<MaskWherePositive>(pr, workspace, blocking); break;
            default: Run<StoreOnly>(pr, workspace, blocking); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TF>(in GemmProblem<T> pr, GemmWorkspace<T> workspace, GemmBlocking blocking)
        where TF : struct, ITileFinish
    {
        int mr = TKernel.Mr;
        var (kcMax, mcMax, ncMax) = Blocks(pr, blocking);
        ref T packedB = ref workspace.PackedB(kcMax * ncMax);
        ref T packedA = ref workspace.PackedA(kcMax * mcMax);
        var tile = workspace.Tile;
        var epilogue = pr.Epilogue;

        for (int jc = 0; jc < pr.N; jc += ncMax)
        {
            int nc = Math.Min(ncMax, pr.N - jc);
            bool inPlaceA = ReadsAInPlace(pr, nc, blocking);
            for (int pc = 0; pc < pr.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, pr.K - pc);
                bool accumulate = pc > 0;
                bool last = pc + kc == pr.K;
                GemmPacking<T, TKernel>.PackB(pr, jc, nc, pc, kc, ref packedB);
                for (int ic = 0; ic < pr.M; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, pr.M - ic);
                    int rows;
                    for (int ir = 0; ir < mc; ir += rows)
                    {
                        bool isShort = EndsWithShortTiles(mc - ir);
                        int height = isShort ? TKernel.ShortMr : mr;
                        rows = Math.Min(height, mc - ir);
                        int cRow = pr.COffset + (ic + ir) * pr.Ldc + jc;
                        var sliver = new SliverRow(cRow, rows, kc, nc, accumulate, last);
                        // The epilogue's operands at this row of tiles (rows of C are ldc apart, so cRow / ldc is the row).
                        ref T bias = ref epilogue.Bias is null ? ref Unsafe.NullRef<T>() : ref epilogue.Bias[cRow / pr.Ldc];
                        ref T other = ref epilogue.Other is null ? ref Unsafe.NullRef<T>() : ref epilogue.Other[cRow];
                        // Read in place, only a sliver cut short by the end of C needs packing (for its zero rows).
                        if (inPlaceA && rows == height)
                        {
                            ref T a = ref pr.A[pr.AOffset + (ic + ir) * pr.ARowStride + pc * pr.AColStride];
                            if (isShort) Sweep<InPlaceSliver, TF, ShortRows>(pr, ref a, pr.ARowStride, pr.AColStride, ref packedB, sliver, tile, ref bias, ref other);
                            else Sweep<InPlaceSliver, TF, FullRows>(pr, ref a, pr.ARowStride, pr.AColStride, ref packedB, sliver, tile, ref bias, ref other);
                        }
                        else
                        {
                            ref T a = ref Unsafe.Add(ref packedA, (nint)ir * kc);
                            GemmPacking<T, TKernel>.PackA(pr, ic + ir, rows, pc, kc, height, ref a);
                            if (isShort) Sweep<PackedSliver, TF, ShortRows>(pr, ref a, 1, height, ref packedB, sliver, tile, ref bias, ref other);
                            else Sweep<PackedSliver, TF, FullRows>(pr, ref a, 1, height, ref packedB, sliver, tile, ref bias, ref other);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether the sliver that starts <paramref name="left"/> rows before the end of a block is a short one: the last
    /// rows go in short tiles when that computes fewer rows (8 = 4 + 4, not 6 + 6; 3 = 4, not 6), but 5 = 6 and
    /// 9 = 6 + 4.
    /// </summary>
    internal static bool EndsWithShortTiles(int left) =>
        TKernel.ShortMr < TKernel.Mr && (left <= TKernel.ShortMr || (left > TKernel.Mr && left <= 2 * TKernel.ShortMr));

    /// <summary>
    /// One row of tiles: where it starts in C, its rows, the k slice's depth, the panel's width, whether it continues
    /// from C and whether the slice is the last (when the tiles apply the epilogue).
    /// </summary>
    private readonly record struct SliverRow(int CRow, int Rows, int Kc, int Nc, bool Accumulate, bool Finish);

    /// <summary>
    /// Reads A where it lies instead of packing it when its rows are contiguous along p and the panel is too narrow to
    /// pay for packing: packing is a pass over A per panel, shared by only nc / Nr tiles (digits' dW = dZ·Aᵀ, 64
    /// columns: 8 tiles; packing was 5-12% of the product). Not a transposed A: its sliver is kc rows of A apart, and
    /// at 512 columns (4 KB) they all fall in one L1 set (Wᵀ·dZ, 512×512·512×128: 40% slower in place).
    /// </summary>
    private static bool ReadsAInPlace(in GemmProblem<T> pr, int nc, GemmBlocking blocking) =>
        nc <= blocking.InPlaceAColumns && pr.AColStride == 1;

    /// <summary>One A sliver against every B sliver of the panel: a row of tiles of C, in address order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sweep<TA, TF, TR>(in GemmProblem<T> pr, ref T aSliver, nint aRow, nint aStep, ref T packedB,
        SliverRow s, T[] tile, ref T bias, ref T other)
        where TA : struct, ISliverLayout where TF : struct, ITileFinish where TR : struct, ITileRows
    {
        int height = TR.IsShort ? TKernel.ShortMr : TKernel.Mr, nr = TKernel.Nr;
        for (int jr = 0; jr < s.Nc; jr += nr)
        {
            int cols = Math.Min(nr, s.Nc - jr);
            ref T bSliver = ref Unsafe.Add(ref packedB, (nint)jr * s.Kc);
            ref T c = ref pr.C[s.CRow + jr];
            ref T o = ref Unsafe.Add(ref other, jr);
            if (s.Rows == height && cols == nr)
            {
                if (TA.IsPacked) TKernel.Run<TF, TR>(s.Kc, ref aSliver, ref bSliver, ref c, pr.Ldc, s.Accumulate, s.Finish, ref bias, ref o);
                else TKernel.RunInPlace<TF, TR>(s.Kc, ref aSliver, aRow, aStep, ref bSliver, ref c, pr.Ldc, s.Accumulate, s.Finish, ref bias, ref o);
            }
            else
            {
                EdgeTile<TF, TR>(s.Kc, ref aSliver, aRow, aStep, ref bSliver, ref c, pr.Ldc, s.Rows, cols, s.Accumulate, s.Finish, tile, ref bias, ref o);
            }
        }
    }

    /// <summary>A tile cut by the edge of C: computed whole into a scratch tile, then its part of C stored and finished.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EdgeTile<TF, TR>(int kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, int ldc, int rows, int cols,
        bool accumulate, bool finish, T[] tile, ref T bias, ref T other) where TF : struct, ITileFinish where TR : struct, ITileRows
    {
        int nr = TKernel.Nr;
        if (accumulate)
            for (int r = 0; r < rows; r++)
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref c, (nint)r * ldc), cols).CopyTo(tile.AsSpan(r * nr, cols));
        TKernel.RunInPlace<StoreOnly, TR>(kc, ref a, aRow, aStep, ref b, ref tile[0], nr, accumulate, false, ref bias, ref other);
        for (int r = 0; r < rows; r++)
        {
            ref T cr = ref Unsafe.Add(ref c, (nint)r * ldc);
            ref T or = ref Unsafe.Add(ref other, (nint)r * ldc);
            ref T rb = ref Unsafe.Add(ref bias, r);
            for (int j = 0; j < cols; j++)
            {
                if (finish) TileFinish.Store<TF, T>(tile[r * nr + j], ref Unsafe.Add(ref cr, j), ref Unsafe.Add(ref or, j), ref rb);
                else Unsafe.Add(ref cr, j) = tile[r * nr + j];
            }
        }
    }

    private static (int Kc, int Mc, int Nc) Blocks(in GemmProblem<T> pr, GemmBlocking blocking)
    {
        // Equal-depth k slices (784 = 4×196, not 3×256 + 16): a thin last slice would cost a whole pass over C.
        int kSlices = (pr.K + blocking.Kc - 1) / blocking.Kc;
        int kc = (pr.K + kSlices - 1) / kSlices;
        // Equal-width column panels too (4096 = 2×2048, not 4080 + 16: a sliver of a panel repacks all of A).
        int nPanels = (pr.N + blocking.Nc - 1) / blocking.Nc;
        int nc = RoundUp((pr.N + nPanels - 1) / nPanels, TKernel.Nr);
        return (kc, RoundUp(Math.Min(blocking.Mc, pr.M), TKernel.Mr), nc);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}

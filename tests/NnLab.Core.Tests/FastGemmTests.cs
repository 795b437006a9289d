using System.Numerics;
using System.Runtime.Intrinsics;
using NnLab.Numerics.Gemm;

namespace NnLab.Tests;

/// <summary>
/// FastGemm over float and double, straight on arrays: every path (small loops, blocked, blocked with tiny blocks,
/// threaded, and the automatic choice) of every tile this machine runs natively gives, bit for bit, the fused
/// multiply–add chain in increasing k in the element type, and stays within the rounding bound of a float64 oracle.
/// </summary>
public class FastGemmTests
{
    public enum Form { AB, ABt, AtB }

    // (m, k, n): c is m×n. Single elements, 1×N and N×1, k = 1, one exact tile, sizes that are not multiples of any
    // tile or vector width, across Kc = 256 and Mc = 72, and shapes the automatic choice sends to each path (up to 4
    // rows with B stored by rows go unpacked: SkinnyGemm).
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (1, 7, 1), (1, 50, 33), (33, 50, 1), (5, 1, 9), (100, 1, 130), (3, 2, 4), (6, 7, 16), (6, 5, 8),
        (7, 9, 17), (12, 16, 32), (13, 31, 29), (25, 24, 23), (61, 300, 7), (3, 513, 5), (79, 70, 65),
        (97, 120, 131), (9, 260, 300), (150, 70, 40),
        (8, 11, 21), (20, 10, 37), // rows ending in two full short tiles (8 = 4 + 4)
        (4, 19, 2100), // few rows, B by rows: the unpacked path, across its column blocks
    ];

    private static readonly GemmPath[] Paths = [GemmPath.Auto, GemmPath.Small, GemmPath.Blocked, GemmPath.Parallel];

    /// <summary>Small enough that moderate shapes cross several k slices, row blocks and column panels.</summary>
    private static readonly GemmBlocking TinyBlocks = new(Kc: 7, Mc: 12, Nc: 40);

    /// <summary>The same, A always packed (tiny panels otherwise read A in place).</summary>
    private static readonly GemmBlocking TinyBlocksPackingA = TinyBlocks with { InPlaceAColumns = 0 };

    /// <summary>Tiles this machine runs in hardware; an emulated AVX-512 tile is left to FastMatrixOperationsTests.</summary>
    private static IEnumerable<GemmKernel> NativeKernels()
    {
        yield return GemmKernel.Scalar4x4;
        if (FusedArithmetic.IsFused && Vector256.IsHardwareAccelerated) yield return GemmKernel.Vector256Fma;
        if (FusedArithmetic.IsFused && Vector512.IsHardwareAccelerated) yield return GemmKernel.Vector512Fma;
    }

    // Kernels travel as names: GemmKernel is internal, and theory parameters must be public.
    public static TheoryData<string, string, Form> Cases()
    {
        var data = new TheoryData<string, string, Form>();
        foreach (string precision in new[] { "float32", "float64" })
        foreach (var kernel in NativeKernels())
        foreach (var form in Enum.GetValues<Form>())
            data.Add(precision, kernel.ToString(), form);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_path_is_the_fma_chain_and_within_the_rounding_bound_of_a_float64_oracle(string precision, string kernelName, Form form)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        if (precision == "float32") CheckEveryPath<float>(kernel, form);
        else CheckEveryPath<double>(kernel, form);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Results_are_bit_identical_across_threads_paths_and_runs(string precision)
    {
        if (precision == "float32") CheckThreadIndependence<float>();
        else CheckThreadIndependence<double>();
    }

    [Fact]
    public void Float_tiles_are_twice_as_wide_as_double_tiles()
    {
        foreach (var kernel in new[] { GemmKernel.Vector256Fma, GemmKernel.Vector512Fma })
        {
            Assert.Equal(GemmKernels<double>.Mr(kernel), GemmKernels<float>.Mr(kernel));
            Assert.Equal(2 * GemmKernels<double>.Nr(kernel), GemmKernels<float>.Nr(kernel));
        }
        Assert.Equal(4, GemmKernels<float>.Nr(GemmKernel.Scalar4x4));
        Assert.EndsWith(" 6x16", GemmKernels<float>.Name(GemmKernel.Vector256Fma));
        Assert.EndsWith(" 6x8", GemmKernels<double>.Name(GemmKernel.Vector256Fma));
        Assert.Equal(GemmKernels<float>.Name(GemmKernels.Best), FastGemm<float>.KernelName);
    }

    [Fact]
    public void Products_are_split_over_threads_from_about_the_same_work_in_either_precision()
    {
        double miniBatch = 2.0 * 128 * 64 * 64; // digits' mini-batch products: ~25 µs in double, ~12 in float
        Assert.Equal(GemmPath.Parallel, FastGemm<double>.PathFor(miniBatch, 2));
        Assert.Equal(GemmPath.Blocked, FastGemm<float>.PathFor(miniBatch, 2));
        Assert.Equal(GemmPath.Parallel, FastGemm<float>.PathFor(4 * miniBatch, 2));
        Assert.Equal(GemmPath.Blocked, FastGemm<double>.PathFor(4 * miniBatch, 1));
        Assert.Equal(GemmPath.Small, FastGemm<float>.PathFor(2.0 * 8 * 8 * 8, 2));
    }

    [Fact]
    public void Empty_products_and_arrays_too_short_for_their_shapes()
    {
        var c = new float[] { float.NaN, float.NaN, float.NaN, float.NaN };
        FastGemm<float>.Multiply([], [], c, 2, 2, 0, 2);
        Assert.Equal([0f, 0, 0, 0], c);
        FastGemm<float>.MultiplyTransposeA([], new float[6], [], 0, 2, 3, 2);

        Assert.Throws<ArgumentException>(() => FastGemm<float>.Multiply(new float[5], new float[6], new float[4], 2, 2, 3, 1));
        Assert.Throws<ArgumentException>(() => FastGemm<float>.MultiplyTransposeB(new float[6], new float[5], new float[4], 2, 2, 3, 1));
        Assert.Throws<ArgumentException>(() => FastGemm<double>.MultiplyTransposeA(new double[6], new double[6], new double[3], 2, 2, 3, 1));
        Assert.Throws<ArgumentException>(() => FastGemm<double>.Multiply([], [], [], -1, 2, 0, 1));
    }

    [Fact]
    public void Workers_take_float_and_double_jobs_from_concurrent_callers()
    {
        var random = new Random(3);
        var (af, bf) = Operands<float>(Form.AB, 100, 90, 110, random);
        var (ad, bd) = Operands<double>(Form.AB, 100, 90, 110, random);
        var expectedF = new float[100 * 110];
        var expectedD = new double[100 * 110];
        FastGemm<float>.Multiply(af, bf, expectedF, 100, 110, 90, 1);
        FastGemm<double>.Multiply(ad, bd, expectedD, 100, 110, 90, 1);
        var mismatches = 0;
        Parallel.For(0, 4, t =>
        {
            var cf = new float[100 * 110];
            var cd = new double[100 * 110];
            for (int r = 0; r < 10; r++)
            {
                if (t % 2 == 0) FastGemm<float>.Multiply(af, bf, cf, 100, 110, 90, 2);
                else FastGemm<double>.Multiply(ad, bd, cd, 100, 110, 90, 2);
                if (t % 2 == 0 ? !cf.AsSpan().SequenceEqual(expectedF) : !cd.AsSpan().SequenceEqual(expectedD))
                    Interlocked.Increment(ref mismatches);
            }
        });
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Float_products_allocate_nothing_once_warm()
    {
        var random = new Random(4);
        const int m = 96, k = 64, n = 80; // threaded: 2·96·64·80 > 2·64³
        var (a, b) = Operands<float>(Form.AB, m, k, n, random);
        var (at, bt) = (Operands<float>(Form.AtB, m, k, n, random).A, Operands<float>(Form.ABt, m, k, n, random).B);
        var c = new float[m * n];
        void Products()
        {
            for (int threads = 1; threads <= 2; threads++)
            {
                FastGemm<float>.Multiply(a, b, c, m, n, k, threads);
                FastGemm<float>.MultiplyTransposeB(a, bt, c, m, n, k, threads);
                FastGemm<float>.MultiplyTransposeA(at, b, c, m, n, k, threads);
                FastGemm<float>.Multiply(a, b, c, 3, 4, 2, threads); // the small path
            }
        }
        Products();
        Assert.Equal(0, AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 20; i++) Products();
        }));
    }

    [Theory]
    [InlineData(1, "4")]
    [InlineData(4, "4")]
    [InlineData(5, "6")]
    [InlineData(6, "6")]
    [InlineData(7, "4 4")]
    [InlineData(8, "4 4")]
    [InlineData(9, "6 4")]
    [InlineData(11, "6 6")]
    [InlineData(14, "6 4 4")]
    [InlineData(64, "6 6 6 6 6 6 6 6 6 6 4")]
    public void The_last_rows_of_a_block_go_in_short_tiles_when_that_computes_fewer_rows(int rows, string heights)
    {
        // 6-row tiles with a 4-row short one: fewer rows computed and no edge tiles (128 rows: 20 × 6 + 2 × 4, not 22 × 6).
        var taken = new List<int>();
        for (int left = rows; left > 0; left -= taken[^1])
            taken.Add(BlockedGemm<double, Vector256Kernel<double>>.EndsWithShortTiles(left) ? 4 : 6);
        Assert.Equal(heights, string.Join(' ', taken));
    }

    private static void CheckEveryPath<T>(GemmKernel kernel, Form form) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(5);
        foreach (var (m, k, n) in Shapes)
        {
            var (a, b) = Operands<T>(form, m, k, n, random);
            var chain = FmaChain(form, a, b, m, n, k);
            var (oracle, absolute) = Float64Oracle(form, a, b, m, n, k);
            double tolerance = k * (UnitRoundoff<T>() + 2 * UnitRoundoff<double>()); // the oracle rounds too
            // A path, or (null) blocked with tiny blocks, reading A in place or packing it.
            foreach (var (path, blocking) in Paths.Select(p => ((GemmPath?)p, TinyBlocks))
                         .Append((null, TinyBlocks)).Append((null, TinyBlocksPackingA)))
            {
                var c = new T[m * n];
                c.AsSpan().Fill(T.NaN); // every element must be written
                if (path is { } forced)
                    Apply(form, a, b, c, m, n, k, forced == GemmPath.Blocked ? 1 : 2, kernel, forced);
                else
                    GemmKernels<T>.RunBlocked(Problem(form, a, b, c, m, n, k), kernel, blocking);
                for (int e = 0; e < c.Length; e++)
                {
                    string Where() => $"{typeof(T).Name} {kernel} {form} {path?.ToString() ?? $"tiny blocks (A in place up to {blocking.InPlaceAColumns} columns)"} {m}×{k}·{k}×{n} at ({e / n},{e % n})";
                    if (!chain[e].Equals(c[e]))
                        Assert.Fail($"{Where()}: FMA chain {chain[e]:R}, fast {c[e]:R}");
                    double error = Math.Abs(double.CreateChecked(c[e]) - oracle[e]);
                    if (!(error <= tolerance * absolute[e]))
                        Assert.Fail($"{Where()}: float64 oracle {oracle[e]:R}, fast {c[e]:R}, error {error:G3} > {tolerance * absolute[e]:G3}");
                }
            }
        }
    }

    private static void CheckThreadIndependence<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Split by rows (4001 rows against a small shared operand) and by columns (few rows, wide and deep).
        var random = new Random(9);
        foreach (var (m, k, n) in new[] { (4001, 20, 37), (40, 300, 700) })
        foreach (var form in Enum.GetValues<Form>())
        {
            var (a, b) = Operands<T>(form, m, k, n, random);
            T[] Run(int threads, GemmPath path)
            {
                var c = new T[m * n];
                Apply(form, a, b, c, m, n, k, threads, GemmKernels.Best, path);
                return c;
            }
            var blocked = Run(1, GemmPath.Blocked);
            Assert.Equal(blocked, Run(2, GemmPath.Parallel));
            Assert.Equal(blocked, Run(1, GemmPath.Auto));
            Assert.Equal(blocked, Run(2, GemmPath.Auto));
            Assert.Equal(blocked, Run(2, GemmPath.Auto));
        }
    }

    private static (T[] A, T[] B) Operands<T>(Form form, int m, int k, int n, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] Values(int length)
        {
            var x = new T[length];
            for (int i = 0; i < length; i++) x[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
            return x;
        }
        // Stored as the form reads them: a is m×k (k×m for aᵀ·b), b is k×n (n×k for a·bᵀ).
        return (Values(m * k), Values(k * n));
    }

    private static void Apply<T>(Form form, T[] a, T[] b, T[] c, int m, int n, int k, int threads, GemmKernel kernel, GemmPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (form)
        {
            case Form.AB: FastGemm<T>.Multiply(a, b, c, m, n, k, threads, kernel, path); break;
            case Form.ABt: FastGemm<T>.MultiplyTransposeB(a, b, c, m, n, k, threads, kernel, path); break;
            default: FastGemm<T>.MultiplyTransposeA(a, b, c, m, n, k, threads, kernel, path); break;
        }
    }

    private static GemmProblem<T> Problem<T>(Form form, T[] a, T[] b, T[] c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T> => form switch
    {
        Form.AB => GemmProblem<T>.Multiply(a, b, c, m, n, k),
        Form.ABt => GemmProblem<T>.MultiplyTransposeB(a, b, c, m, n, k),
        _ => GemmProblem<T>.MultiplyTransposeA(a, b, c, m, n, k),
    };

    // Element (i, p) of the left operand and (p, j) of the right one, read from the stored layouts.
    private static T A<T>(Form form, T[] a, int i, int p, int m, int k) => form == Form.AtB ? a[p * m + i] : a[i * k + p];

    private static T B<T>(Form form, T[] b, int p, int j, int n, int k) => form == Form.ABt ? b[j * k + p] : b[p * n + j];

    /// <summary>The contract itself: per output, a·b + s fused (when the machine fuses) for p = 0, 1, …, in T.</summary>
    private static T[] FmaChain<T>(Form form, T[] a, T[] b, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new T[m * n];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            T s = T.Zero;
            for (int p = 0; p < k; p++)
            {
                T x = A(form, a, i, p, m, k), y = B(form, b, p, j, n, k);
                s = FusedArithmetic.IsFused ? T.FusedMultiplyAdd(x, y, s) : x * y + s;
            }
            c[i * n + j] = s;
        }
        return c;
    }

    /// <summary>Each output summed in float64, and Σ|a·b|, which scales the rounding bound.</summary>
    private static (double[] Sums, double[] Absolute) Float64Oracle<T>(Form form, T[] a, T[] b, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = new double[m * n];
        var absolute = new double[m * n];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            double s = 0, t = 0;
            for (int p = 0; p < k; p++)
            {
                double product = double.CreateChecked(A(form, a, i, p, m, k)) * double.CreateChecked(B(form, b, p, j, n, k));
                s += product;
                t += Math.Abs(product);
            }
            (sums[i * n + j], absolute[i * n + j]) = (s, t);
        }
        return (sums, absolute);
    }

    /// <summary>The unit roundoff: the gap from 1 down to the next value, 2⁻²⁴ for float and 2⁻⁵³ for double.</summary>
    private static double UnitRoundoff<T>() where T : IFloatingPointIeee754<T> => 1 - double.CreateChecked(T.BitDecrement(T.One));
}

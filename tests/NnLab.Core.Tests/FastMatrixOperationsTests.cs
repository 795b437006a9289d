using NnLab.Numerics;
using NnLab.Numerics.Gemm;

namespace NnLab.Tests;

/// <summary>
/// The fast products against the reference (to rounding) and against a scalar FMA chain (bit for bit: every output of
/// every fast path is the fused multiply–add chain over k in increasing order), for every kernel and product form.
/// </summary>
public class FastMatrixOperationsTests
{
    public enum Form { AB, ABt, AtB }

    // (n, k, m): c is n×m, the inner dimension is k. Odd sizes, vectors, not multiples of any tile, across Kc = 256,
    // across Mc = 72, and large enough (≥ 2·64³ flops) to be split over threads.
    private static readonly (int N, int K, int M)[] Shapes =
    [
        (1, 1, 1), (3, 2, 4), (1, 2, 4), (1, 3, 1), (4, 1, 3), (2, 3, 1), (1, 37, 1), (1, 50, 33), (33, 50, 1),
        (5, 7, 9), (6, 5, 8), (7, 9, 17), (12, 16, 16), (13, 31, 29), (25, 24, 23), (24, 25, 26),
        (61, 300, 7), (3, 513, 5), (79, 70, 65), (73, 40, 100),
    ];

    private static readonly (int N, int K, int M)[] ThreadedShapes = [(97, 120, 131), (150, 70, 40), (9, 260, 300)];

    public static TheoryData<string, Form> KernelsAndForms()
    {
        var data = new TheoryData<string, Form>();
        foreach (var kernel in Enum.GetNames<GemmKernel>())
            foreach (var form in Enum.GetValues<Form>())
                data.Add(kernel, form);
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndForms))]
    public void Every_kernel_and_form_is_the_fma_chain_and_agrees_with_the_reference(string kernelName, Form form)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        var random = new NumpyRandomState(5);
        var fast = new FastMatrixOperations<double>(2, kernel);
        var shapes = kernel == GemmKernel.Vector512Fma && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated
            ? Shapes // emulated in software here: keep it quick
            : Shapes.Concat(ThreadedShapes);
        foreach (var (n, k, m) in shapes)
        {
            var (a, b) = Operands(form, n, k, m, random);
            var expected = new Matrix<double>(n, m);
            var actual = new Matrix<double>(n, m);
            actual.AsSpan().Fill(double.NaN); // every element must be written
            Apply(ReferenceMatrixOperations<double>.Instance, form, a, b, expected);
            Apply(fast, form, a, b, actual);

            var chain = FmaChain(form, a, b, n, k, m);
            for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double got = actual.Data[i * m + j], fma = chain.Data[i * m + j], reference = expected.Data[i * m + j];
                if (!fma.Equals(got))
                    Assert.Fail($"{kernel} {form} {n}×{k}×{m} at ({i},{j}): FMA chain {fma:R}, fast {got:R}");
                if (Math.Abs(reference - got) > 2 * k * double.Epsilon + 4e-16 * k * AbsoluteProductSum(form, a, b, i, j, k))
                    Assert.Fail($"{kernel} {form} {n}×{k}×{m} at ({i},{j}): reference {reference:R}, fast {got:R}");
            }
        }
    }

    [Fact]
    public void Results_are_bit_identical_run_to_run_and_across_thread_counts()
    {
        // 4001×20·20×37: 4001 rows against a small shared operand, so it is split into 8 chunks of rows that the threads
        // take dynamically.
        var random = new NumpyRandomState(9);
        foreach (var form in Enum.GetValues<Form>())
        {
            var (a, b) = Operands(form, 4001, 20, 37, random);
            var one = new Matrix<double>(4001, 37);
            var two = new Matrix<double>(4001, 37);
            var again = new Matrix<double>(4001, 37);
            Apply(new FastMatrixOperations<double>(1), form, a, b, one);
            Apply(new FastMatrixOperations<double>(2), form, a, b, two);
            Apply(new FastMatrixOperations<double>(2), form, a, b, again);
            Assert.Equal(one.Data, two.Data);
            Assert.Equal(two.Data, again.Data);
        }
    }

    [Fact]
    public void Concurrent_callers_share_the_workers_safely()
    {
        var random = new NumpyRandomState(13);
        var (a, b) = Operands(Form.AB, 100, 90, 110, random);
        var expected = new Matrix<double>(100, 110);
        FastMatrixOperations<double>.Instance.Multiply(a, b, expected);
        var results = new Matrix<double>[4];
        Parallel.For(0, results.Length, t =>
        {
            var c = new Matrix<double>(100, 110);
            for (int r = 0; r < 20; r++) FastMatrixOperations<double>.Instance.Multiply(a, b, c);
            results[t] = c;
        });
        foreach (var c in results) Assert.Equal(expected.Data, c.Data);
    }

    [Fact]
    public void An_empty_inner_dimension_gives_zeros_and_bad_shapes_throw()
    {
        var ops = FastMatrixOperations<double>.Instance;
        var c = Matrix.FromRows([1.0, 2], [3, 4]);
        ops.Multiply(new Matrix<double>(2, 0), new Matrix<double>(0, 2), c);
        Assert.Equal([0.0, 0, 0, 0], c.Data);
        ops.Multiply(new Matrix<double>(0, 3), new Matrix<double>(3, 2), new Matrix<double>(0, 2));
        Assert.Throws<ArgumentException>(() => ops.Multiply(new Matrix<double>(2, 3), new Matrix<double>(2, 3), new Matrix<double>(2, 3)));
        Assert.Throws<ArgumentException>(() => ops.MultiplyTransposeB(new Matrix<double>(2, 3), new Matrix<double>(4, 2), new Matrix<double>(2, 4)));
        Assert.Throws<ArgumentException>(() => ops.MultiplyTransposeA(new Matrix<double>(3, 2), new Matrix<double>(2, 4), new Matrix<double>(2, 4)));
    }

    private static (Matrix<double> A, Matrix<double> B) Operands(Form form, int n, int k, int m, NumpyRandomState random)
    {
        Matrix<double> Random(int rows, int cols)
        {
            var x = new Matrix<double>(rows, cols);
            for (int i = 0; i < x.Length; i++) x.Data[i] = 2 * random.NextUniform() - 1;
            return x;
        }

        return form switch
        {
            Form.AB => (Random(n, k), Random(k, m)),
            Form.ABt => (Random(n, k), Random(m, k)),
            _ => (Random(k, n), Random(k, m)),
        };
    }

    private static void Apply(IMatrixOperations<double> ops, Form form, Matrix<double> a, Matrix<double> b, Matrix<double> c)
    {
        switch (form)
        {
            case Form.AB: ops.Multiply(a, b, c); break;
            case Form.ABt: ops.MultiplyTransposeB(a, b, c); break;
            default: ops.MultiplyTransposeA(a, b, c); break;
        }
    }

    /// <summary>Element (i, p) of the left operand and (p, j) of the right one, as (array, offset, stride along p).</summary>
    private static (double[] Data, int Offset, int Stride) RowOfA(Form form, Matrix<double> a, int i) =>
        form == Form.AtB ? (a.Data, i, a.Cols) : (a.Data, i * a.Cols, 1);

    private static (double[] Data, int Offset, int Stride) ColumnOfB(Form form, Matrix<double> b, int j) =>
        form == Form.ABt ? (b.Data, j * b.Cols, 1) : (b.Data, j, b.Cols);

    private static Matrix<double> FmaChain(Form form, Matrix<double> a, Matrix<double> b, int n, int k, int m)
    {
        var c = new Matrix<double>(n, m);
        for (int i = 0; i < n; i++)
        {
            var (ad, ao, asd) = RowOfA(form, a, i);
            for (int j = 0; j < m; j++)
            {
                var (bd, bo, bsd) = ColumnOfB(form, b, j);
                double s = 0.0;
                for (int p = 0; p < k; p++)
                    s = FusedArithmetic.IsFused ? Math.FusedMultiplyAdd(ad[ao + p * asd], bd[bo + p * bsd], s) : ad[ao + p * asd] * bd[bo + p * bsd] + s;
                c.Data[i * m + j] = s;
            }
        }
        return c;
    }

    private static double AbsoluteProductSum(Form form, Matrix<double> a, Matrix<double> b, int i, int j, int k)
    {
        var (ad, ao, asd) = RowOfA(form, a, i);
        var (bd, bo, bsd) = ColumnOfB(form, b, j);
        double s = 0;
        for (int p = 0; p < k; p++) s += Math.Abs(ad[ao + p * asd] * bd[bo + p * bsd]);
        return s;
    }
}

public class MatrixKernelsTests
{
    [Fact]
    public void Kernels_are_chosen_by_name_and_reference_is_the_default()
    {
        Assert.Equal(MatrixKernels.Reference, MatrixOperations.DefaultKernels);
        Assert.Same(ReferenceMatrixOperations<double>.Instance, MatrixOperations.Create<double>(MatrixKernels.Reference));
        Assert.Same(FastMatrixOperations<double>.Instance, MatrixOperations.Create<double>(MatrixKernels.Fast));
        Assert.Same(FastMatrixOperations<float>.Instance, MatrixOperations.Create<float>(MatrixKernels.Fast));
        Assert.Same(ReferenceMatrixOperations<float>.Instance, MatrixOperations.Create<float>(MatrixKernels.Reference));
        Assert.Equal(1, Assert.IsType<FastMatrixOperations<double>>(MatrixOperations.Create<double>(MatrixKernels.Fast, threads: 1)).Threads);
        Assert.True(MatrixOperations.TryParse("Fast", out var fast));
        Assert.Equal(MatrixKernels.Fast, fast);
        Assert.True(MatrixOperations.TryParse("reference", out var reference));
        Assert.Equal(MatrixKernels.Reference, reference);
        Assert.False(MatrixOperations.TryParse("blas", out _));
        Assert.Equal("fast", MatrixOperations.Name(MatrixKernels.Fast));
    }
}

public class GemmJobTests
{
    [Theory]
    [InlineData(4001, 20, 37, 2, 8)]   // rows against a small shared B: 4 chunks per thread
    [InlineData(128, 64, 64, 2, 2)]    // digits mini-batch: one chunk per thread
    [InlineData(512, 784, 8192, 2, 8)] // wide forward: columns against W
    [InlineData(512, 784, 128, 2, 2)]  // wide mini-batch: B would be repacked per chunk
    [InlineData(128, 64, 1797, 2, 2)]  // digits forward: work for 3 chunks, but 3 on 2 threads end at 2/3 speed-up
    [InlineData(128, 64, 1797, 3, 3)]  // the same on 3 threads: one chunk each
    [InlineData(6, 10, 8, 2, 0)]       // a single tile: not split
    public void Chunks_amortise_repacking_the_shared_operand(int m, int k, int n, int threads, int expected)
    {
        var problem = GemmProblem<double>.Multiply(new double[m * k], new double[k * n], new double[m * n], m, n, k);
        var job = new GemmJob<double>();
        bool split = job.Plan(problem, GemmKernel.Vector256Fma, threads);
        Assert.Equal(expected > 0, split);
        if (split) Assert.Equal(expected, job.Chunks);
    }
}

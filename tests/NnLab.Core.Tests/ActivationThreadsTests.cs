using System.Numerics;
using NnLab.Layers;
using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>
/// Sigmoid and tanh call the C library once per value, so a large batch's forward pass is split over the network's
/// threads: the same bits as on one thread, and nothing allocated per pass.
/// </summary>
public class ActivationThreadsTests
{
    [Theory]
    [InlineData("sigmoid", "float64")]
    [InlineData("sigmoid", "float32")]
    [InlineData("tanh", "float64")]
    [InlineData("tanh", "float32")]
    public void Two_threads_give_the_one_thread_bits(string activation, string precision)
    {
        if (precision == "float32") Check<float>(activation);
        else Check<double>(activation);
    }

    [Fact]
    public void A_split_forward_pass_allocates_nothing()
    {
        var layer = Built<double>("tanh", threads: 2, rows: 64);
        var (z, a) = Batch<double>(64, 1797);
        layer.Forward(z, a);
        Assert.Equal(0, AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 10; i++) layer.Forward(z, a);
        }));
    }

    /// <summary>Batches too narrow to split, just wide enough, and an odd size that ends a range mid-vector.</summary>
    private static void Check<T>(string activation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int m in new[] { 7, 64, 1797 })
        {
            var one = Built<T>(activation, threads: 1, rows: 64);
            var two = Built<T>(activation, threads: 2, rows: 64);
            var (z, a1) = Batch<T>(64, m);
            var a2 = new Matrix<T>(64, m);
            one.Forward(z, a1);
            two.Forward(z, a2);
            Assert.True(a1.Data.AsSpan().SequenceEqual(a2.Data), $"{activation} {typeof(T).Name} m = {m}");
        }
    }

    private static ActivationLayer<T> Built<T>(string activation, int threads, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ActivationLayer<T> layer = activation == "tanh" ? new TanhLayer<T>() : new SigmoidLayer<T>();
        var operations = MatrixOperations.Create<T>(MatrixKernels.Fast, threads);
        layer.Build(new LayerBuildContext<T>(0, rows, new NumpyRandomState(1), operations, _ => throw new InvalidOperationException()));
        return layer;
    }

    private static (Matrix<T> Z, Matrix<T> A) Batch<T>(int rows, int m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandomState(7);
        var z = new Matrix<T>(rows, m);
        for (int i = 0; i < z.Length; i++) z.Data[i] = T.CreateTruncating(3 * random.NextGaussian());
        return (z, new Matrix<T>(rows, m));
    }
}

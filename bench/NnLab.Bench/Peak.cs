using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NnLab.Numerics;

namespace NnLab.Bench;

/// <summary>
/// The machine's FMA peak as managed code sees it: twelve independent 256-bit FMA chains (enough to cover the FMA
/// latency on two pipes) in a loop, on one thread and on several at once; float64 (4 lanes) or float32 (8 lanes).
/// </summary>
internal static class Peak
{
    private const int Chains = 12;

    public static double GflopsPerSecond(int threads, Precision precision, long iterations = 200_000_000)
    {
        Action<long> run = precision == Precision.Float32 ? n => RunSingle(n) : n => RunDouble(n);
        int lanes = precision == Precision.Float32 ? Vector256<float>.Count : Vector256<double>.Count;
        run(1_000_000); // JIT
        var start = new Barrier(threads + 1);
        var done = new CountdownEvent(threads);
        for (int t = 0; t < threads; t++)
        {
            new Thread(() =>
            {
                start.SignalAndWait();
                run(iterations);
                done.Signal();
            }) { IsBackground = true }.Start();
        }
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        done.Wait();
        double seconds = clock.Elapsed.TotalSeconds;
        return threads * iterations * (double)Chains * lanes * 2 / seconds / 1e9;
    }

    // Two copies rather than one generic loop: Vector256.FusedMultiplyAdd has float and double overloads only.

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double RunDouble(long iterations)
    {
        var x = Vector256.Create(0.999999999);
        var y = Vector256.Create(1e-9);
        Vector256<double> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float RunSingle(long iterations)
    {
        var x = Vector256.Create(0.9999999f);
        var y = Vector256.Create(1e-7f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }
}

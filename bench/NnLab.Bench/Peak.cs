using System.Diagnostics;
using System.Numerics;
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
        Action<long> run = precision == Precision.Float32 ? n => Run(n, 0.9999999f, 1e-7f) : n => Run(n, 0.999999999, 1e-9);
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

    /// <summary>Twelve FMA chains for <paramref name="iterations"/> steps; the sum keeps the JIT from dropping them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Run<T>(long iterations, T factor, T addend) where T : unmanaged, INumber<T>
    {
        var x = Vector256.Create(factor);
        var y = Vector256.Create(addend);
        Vector256<T> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma(a0, x, y); a1 = Fma(a1, x, y); a2 = Fma(a2, x, y); a3 = Fma(a3, x, y);
            a4 = Fma(a4, x, y); a5 = Fma(a5, x, y); a6 = Fma(a6, x, y); a7 = Fma(a7, x, y);
            a8 = Fma(a8, x, y); a9 = Fma(a9, x, y); a10 = Fma(a10, x, y); a11 = Fma(a11, x, y);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }

    // Vector256.FusedMultiplyAdd has float and double overloads only; the JIT folds the type test per instantiation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, INumber<T> =>
        typeof(T) == typeof(double)
            ? Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
            : Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
}

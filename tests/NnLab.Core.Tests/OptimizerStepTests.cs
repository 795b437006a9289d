using System.Numerics;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Training;

namespace NnLab.Tests;

/// <summary>
/// The built-in optimizers' vectorised, threaded steps: the bits of the plain per-value loops they replace, the same
/// bits on two threads as on one, and nothing allocated per step.
/// </summary>
public class OptimizerStepTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string precision in new[] { "float64", "float32" })
        foreach (string optimizer in new[] { "sgd", "momentum", "nesterov", "adam", "adam-decay" })
            data.Add(precision, optimizer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Steps_give_the_bits_of_the_plain_loops(string precision, string optimizer)
    {
        if (precision == "float32") CheckAgainstLoops<float>(optimizer);
        else CheckAgainstLoops<double>(optimizer);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_threads_give_the_one_thread_bits(string precision, string optimizer)
    {
        if (precision == "float32") CheckThreads<float>(optimizer);
        else CheckThreads<double>(optimizer);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    public void A_threaded_step_allocates_nothing(string optimizer)
    {
        var parameters = Parameters<double>(new NumpyRandomState(5), 150_001, 513, 70_000);
        var step = Create<double>(optimizer);
        step.Initialize(parameters);
        ((IThreadedOptimizer)step).Threads = 2;
        for (int i = 0; i < 5; i++) step.Step(i);
        Assert.Equal(0, AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 5; i < 25; i++) step.Step(i);
        }));
    }

    [Fact]
    public void Ranges_cut_across_parameters_in_order()
    {
        var ranges = ParameterRanges.Of(Parameters<double>(new NumpyRandomState(1), 5, 3, 8));
        Assert.Equal(16, ranges.Length);
        Assert.Equal("0:4+1 1:0+3 2:0+2", Describe(ranges.Within(4, 10)));
        Assert.Equal("2:7+1", Describe(ranges.Within(15, 16)));
        Assert.Equal("", Describe(ranges.Within(16, 16)));
    }

    private static string Describe(ParameterRanges.Enumerator slices)
    {
        var parts = new List<string>();
        foreach (var (index, start, length) in slices) parts.Add($"{index}:{start}+{length}");
        return string.Join(' ', parts);
    }

    /// <summary>Odd lengths, so every vector path ends in a scalar tail; five steps, so the state carries over.</summary>
    private static void CheckAgainstLoops<T>(string optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] lengths = [1, 3, 7, 8, 17, 1003];
        var fast = Parameters<T>(new NumpyRandomState(3), lengths);
        var loop = Parameters<T>(new NumpyRandomState(3), lengths);
        var step = Create<T>(optimizer);
        step.Initialize(fast);
        var reference = new LoopReference<T>(optimizer, loop);
        var gradients = new NumpyRandomState(9);
        for (int s = 0; s < 5; s++)
        {
            for (int p = 0; p < fast.Length; p++)
                for (int i = 0; i < fast[p].Gradient.Length; i++)
                    fast[p].Gradient.Data[i] = loop[p].Gradient.Data[i] = T.CreateTruncating(gradients.NextGaussian());
            step.Step(s);
            reference.Step(s);
        }
        for (int p = 0; p < fast.Length; p++)
            Assert.True(fast[p].Value.Data.AsSpan().SequenceEqual(loop[p].Value.Data), $"{optimizer}, parameter of {lengths[p]} values");
    }

    /// <summary>Sizes that every optimizer splits on two threads, one range ending inside a parameter.</summary>
    private static void CheckThreads<T>(string optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] lengths = [90_001, 7, 65_543, 40_000];
        var one = Parameters<T>(new NumpyRandomState(4), lengths);
        var two = Parameters<T>(new NumpyRandomState(4), lengths);
        var single = Create<T>(optimizer);
        var split = Create<T>(optimizer);
        single.Initialize(one);
        split.Initialize(two);
        ((IThreadedOptimizer)split).Threads = 2;
        for (int s = 0; s < 3; s++)
        {
            single.Step(s);
            split.Step(s);
        }
        for (int p = 0; p < one.Length; p++)
            Assert.True(one[p].Value.Data.AsSpan().SequenceEqual(two[p].Value.Data), $"{optimizer}, parameter of {lengths[p]} values");
    }

    private static IOptimizer<T> Create<T>(string optimizer) where T : IFloatingPointIeee754<T> => optimizer switch
    {
        "sgd" => new GradientDescentOptimizer<T>(new GradientDescentOptions { LearningRate = 0.3 }),
        "momentum" => new MomentumOptimizer<T>(new MomentumOptions { LearningRate = 0.3, Momentum = 0.7 }),
        "nesterov" => new MomentumOptimizer<T>(new MomentumOptions { LearningRate = 0.3, Momentum = 0.7, Nesterov = true }),
        "adam" => new AdamOptimizer<T>(new AdamOptions { LearningRate = 0.01 }),
        "adam-decay" => new AdamOptimizer<T>(new AdamOptions
            { LearningRate = 0.01, Decay = LearningRateDecay.Exponential, DecayRate = 0.9, DecaySteps = 2, Epsilon = 1e-4 }),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer)),
    };

    private static Parameter<T>[] Parameters<T>(NumpyRandomState random, params int[] lengths) where T : IFloatingPointIeee754<T> =>
        lengths.Select((length, p) =>
        {
            var parameter = new Parameter<T>($"p{p}", new Matrix<T>(1, length));
            for (int i = 0; i < length; i++)
            {
                parameter.Value.Data[i] = T.CreateTruncating(random.NextGaussian());
                parameter.Gradient.Data[i] = T.CreateTruncating(random.NextGaussian());
            }
            return parameter;
        }).ToArray();

    /// <summary>The update rules as plain loops over each value, in the operation order the optimizers document.</summary>
    private sealed class LoopReference<T>(string optimizer, Parameter<T>[] parameters) where T : IFloatingPointIeee754<T>
    {
        private readonly T[][] _m = parameters.Select(p => new T[p.Value.Length]).ToArray();
        private readonly T[][] _v = parameters.Select(p => new T[p.Value.Length]).ToArray();

        public void Step(int step)
        {
            for (int p = 0; p < parameters.Length; p++)
            {
                var w = parameters[p].Value.Data;
                var g = parameters[p].Gradient.Data;
                for (int i = 0; i < w.Length; i++) Update(step, w, g, _m[p], _v[p], i);
            }
        }

        private void Update(int step, T[] w, T[] g, T[] m, T[] v, int i)
        {
            T rate = T.CreateTruncating(0.3), mu = T.CreateTruncating(0.7);
            switch (optimizer)
            {
                case "sgd":
                    w[i] -= rate * g[i];
                    break;
                case "momentum" or "nesterov":
                    m[i] = mu * m[i] - rate * g[i];
                    w[i] += optimizer == "nesterov" ? mu * m[i] - rate * g[i] : m[i];
                    break;
                default:
                    bool decay = optimizer == "adam-decay";
                    T b1 = T.CreateTruncating(0.9), b2 = T.CreateTruncating(0.999);
                    T keep1 = T.CreateTruncating(1 - 0.9), keep2 = T.CreateTruncating(1 - 0.999);
                    T alpha = T.CreateTruncating(decay ? 0.01 * Math.Pow(0.9, (double)step / 2) : 0.01);
                    T eps = T.CreateTruncating(decay ? 1e-4 : 1e-8);
                    T c1 = T.CreateTruncating(1 - Math.Pow(0.9, step + 1)), c2 = T.CreateTruncating(1 - Math.Pow(0.999, step + 1));
                    m[i] = b1 * m[i] + keep1 * g[i];
                    v[i] = b2 * v[i] + keep2 * g[i] * g[i];
                    w[i] -= alpha * (m[i] / c1) / (T.Sqrt(v[i] / c2) + eps);
                    break;
            }
        }
    }
}

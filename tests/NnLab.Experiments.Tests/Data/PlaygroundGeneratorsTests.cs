using System.Text.Json;
using NnLab.Experiments.Data;
using Xunit.Abstractions;

namespace NnLab.Experiments.Tests.Data;

/// <summary>
/// <see cref="PlaygroundGenerators"/> against its NumPy twin <c>tests/reference/playground_generators.py</c>, run once
/// for every case.
/// </summary>
/// <remarks>
/// Values must be within 1e-12 of the reference. Both sides do the same double arithmetic in the same order; the
/// functions that could round differently are sin and cos (Spiral, Circle) and sqrt (Gaussian's standard deviation,
/// Circle's distance): sqrt is correctly rounded everywhere, and .NET's Math.Sin/Math.Cos and Python's math.sin/cos
/// both call the C library (glibc here: the same bits). On a platform whose two runtimes use different libms they
/// may differ by an ULP or two (≤ 1e-15 on these values of magnitude ≤ 7), which the tolerance allows; a label
/// could then flip only for a point within an ULP of the boundary. The test log says how many values were not bit
/// for bit equal.
/// </remarks>
public class PlaygroundGeneratorsTests(PlaygroundGeneratorsTests.Reference reference, ITestOutputHelper output)
    : IClassFixture<PlaygroundGeneratorsTests.Reference>
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string, int, double, uint> Cases()
    {
        var data = new TheoryData<string, int, double, uint>();
        foreach (string kind in new[] { "xor", "spiral", "gaussian", "circle" })
            foreach (int samples in new[] { 1, 7, 100, 301 })
                foreach (uint seed in new uint[] { 0, 1, 48, 4294967295 })
                    foreach (double noise in new[] { 0.0, 0.25, 0.5 })
                        data.Add(kind, samples, noise, seed);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Matches_the_numpy_reference(string kind, int samples, double noise, uint seed)
    {
        var actual = Generate(kind, samples, noise, seed);
        string key = Reference.Key(kind, samples, noise, seed);
        int notIdentical = ReferenceComparison.AssertMatches(reference.Results.Value[key], actual, Tolerance, key);
        output.WriteLine($"{key}: {actual.Rows.Length} rows, {notIdentical} value(s) not bit for bit equal");
    }

    [Fact]
    public void Two_class_sets_give_ceil_half_per_class_as_the_playground_loops_do()
    {
        Assert.Equal(7, PlaygroundGenerators.Xor(7, 0.1, 0).Rows.Length);
        foreach (var set in new[]
                 {
                     PlaygroundGenerators.Spiral(7, 0.1, 0), PlaygroundGenerators.Gaussian(7, 0.1, 0),
                     PlaygroundGenerators.Circle(7, 0.0, 0),
                 })
        {
            Assert.Equal(8, set.Rows.Length);
            Assert.Equal([1, 1, 1, 1, 0, 0, 0, 0], set.Labels);
        }
        Assert.Equal(500, PlaygroundGenerators.Spiral(500, 0.0, 3).Rows.Length);
    }

    [Fact]
    public void Without_noise_the_labels_follow_the_geometry()
    {
        var xor = PlaygroundGenerators.Xor(200, 0.0, 5);
        Assert.All(Enumerable.Range(0, 200), i =>
        {
            var (x, y) = (xor.Rows[i][0], xor.Rows[i][1]);
            Assert.True(Math.Abs(x) >= 0.3 && Math.Abs(y) >= 0.3 && Math.Abs(x) <= 5.3 && Math.Abs(y) <= 5.3);
            Assert.Equal(x * y >= 0 ? 1 : 0, xor.Labels[i]);
        });
        var circle = PlaygroundGenerators.Circle(200, 0.0, 5);
        Assert.All(Enumerable.Range(0, 200), i =>
        {
            double r = Math.Sqrt(circle.Rows[i][0] * circle.Rows[i][0] + circle.Rows[i][1] * circle.Rows[i][1]);
            Assert.True(i < 100 ? r < 2.5 + 1e-12 : r >= 3.5 - 1e-12 && r <= 5 + 1e-12);
            Assert.Equal(i < 100 ? 1 : 0, circle.Labels[i]);
        });
    }

    [Fact]
    public void Noise_outside_the_playgrounds_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaygroundGenerators.Xor(10, 0.6, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaygroundGenerators.Spiral(10, -0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaygroundGenerators.Gaussian(10, double.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaygroundGenerators.Circle(0, 0.1, 0));
    }

    private static LabeledPoints Generate(string kind, int samples, double noise, uint seed) => kind switch
    {
        "xor" => PlaygroundGenerators.Xor(samples, noise, seed),
        "spiral" => PlaygroundGenerators.Spiral(samples, noise, seed),
        "gaussian" => PlaygroundGenerators.Gaussian(samples, noise, seed),
        "circle" => PlaygroundGenerators.Circle(samples, noise, seed),
        _ => throw new ArgumentException(kind),
    };

    /// <summary>Every case's reference output, from one python process started on first use.</summary>
    public sealed class Reference
    {
        public Reference() => Results = new Lazy<Dictionary<string, JsonElement>>(Run);

        public Lazy<Dictionary<string, JsonElement>> Results { get; }

        public static string Key(string kind, int samples, double noise, uint seed) =>
            $"{kind}({samples}, noise {noise:R}, seed {seed})";

        private static Dictionary<string, JsonElement> Run()
        {
            var cases = Cases().Select(c => new { kind = (string)c[0], samples = (int)c[1], noise = (double)c[2], seed = (uint)c[3] })
                .ToList();
            var document = PythonReference.Run("playground_generators.py", cases, "--batch");
            return cases.Select(c => Key(c.kind, c.samples, c.noise, c.seed))
                .Zip(document.RootElement.EnumerateArray())
                .ToDictionary(p => p.First, p => p.Second);
        }
    }
}

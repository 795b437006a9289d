using System.Text.Json;
using NnLab.Experiments.Data;
using Xunit.Abstractions;

namespace NnLab.Experiments.Tests.Data;

/// <summary>
/// scikit-learn itself (run once for every case, <c>tests/reference/sklearn_generators.py</c>) against
/// <see cref="SklearnGenerators"/>, value for value.
/// </summary>
/// <remarks>
/// Every value must be within 1e-12 of scikit-learn's. The generators repeat its arithmetic operation for operation,
/// so the only possible differences come from the C library functions: the cosines and sines of moons and circles,
/// and the log inside every normal draw. .NET and NumPy both call the C library's here (glibc; the CPU has no
/// AVX-512, so NumPy does not use its own SIMD sin/cos) and agree bit for bit on all 180 cases; a platform where the
/// two take them from different implementations may differ by an ULP or so (about 1e-16 for the sines and cosines,
/// of magnitude ≤ 2; a few ULP of values below 30 for blobs). The tolerance allows for that; the test log says how
/// many values were not bit for bit equal.
/// </remarks>
public class SklearnGeneratorsTests(SklearnGeneratorsTests.Reference reference, ITestOutputHelper output)
    : IClassFixture<SklearnGeneratorsTests.Reference>
{
    private const double Tolerance = 1e-12;
    private static readonly int[] SampleCounts = [1, 2, 7, 100, 301];
    private static readonly uint[] Seeds = [0, 1, 48, 4294967295];

    public static TheoryData<int, double, uint> MoonsCases()
    {
        var data = new TheoryData<int, double, uint>();
        foreach (int samples in SampleCounts)
            foreach (uint seed in Seeds)
                foreach (double noise in new[] { 0.0, 0.1 })
                    data.Add(samples, noise, seed);
        return data;
    }

    public static TheoryData<int, double, double, uint> CirclesCases()
    {
        var data = new TheoryData<int, double, double, uint>();
        foreach (int samples in SampleCounts)
            foreach (uint seed in Seeds)
                foreach (var (noise, factor) in new[] { (0.0, 0.5), (0.05, 0.8), (0.2, 0.0) })
                    data.Add(samples, noise, factor, seed);
        return data;
    }

    public static TheoryData<int, int, int, double, uint> BlobsCases()
    {
        var data = new TheoryData<int, int, int, double, uint>();
        foreach (int samples in SampleCounts)
            foreach (uint seed in Seeds)
                foreach (var (centers, features, std) in new[] { (3, 2, 1.0), (4, 5, 0.5), (1, 1, 2.5), (10, 3, 0.0) })
                    data.Add(samples, centers, features, std, seed);
        return data;
    }

    [Theory, MemberData(nameof(MoonsCases))]
    public void Make_moons_matches_scikit_learn(int samples, double noise, uint seed) =>
        Check(Reference.MoonsKey(samples, noise, seed), SklearnGenerators.MakeMoons(samples, noise, seed));

    [Theory, MemberData(nameof(CirclesCases))]
    public void Make_circles_matches_scikit_learn(int samples, double noise, double factor, uint seed) =>
        Check(Reference.CirclesKey(samples, noise, factor, seed), SklearnGenerators.MakeCircles(samples, noise, factor, seed));

    [Theory, MemberData(nameof(BlobsCases))]
    public void Make_blobs_matches_scikit_learn(int samples, int centers, int features, double clusterStd, uint seed) =>
        Check(Reference.BlobsKey(samples, centers, features, clusterStd, seed),
            SklearnGenerators.MakeBlobs(samples, centers, features, clusterStd, seed));

    [Fact]
    public void Classes_are_split_as_scikit_learn_splits_them()
    {
        var moons = SklearnGenerators.MakeMoons(7, 0.1, 0);
        Assert.Equal(3, moons.Labels.Count(l => l == 0));
        Assert.Equal(4, moons.Labels.Count(l => l == 1));
        var blobs = SklearnGenerators.MakeBlobs(11, 3, 2, 1.0, 0);
        Assert.Equal([4, 4, 3], Enumerable.Range(0, 3).Select(c => blobs.Labels.Count(l => l == c)));
        Assert.All(blobs.Rows, row => Assert.Equal(2, row.Length));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SklearnGenerators.MakeMoons(0, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SklearnGenerators.MakeMoons(10, -0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SklearnGenerators.MakeCircles(10, 0.1, 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SklearnGenerators.MakeBlobs(10, 0, 2, 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SklearnGenerators.MakeBlobs(10, 2, 0, 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SklearnGenerators.MakeBlobs(10, 2, 2, double.NaN, 0));
    }

    [Theory]
    [InlineData(0.0, Math.PI, 5, true)]
    [InlineData(0.0, 2 * Math.PI, 7, false)]
    [InlineData(0.0, Math.PI, 1, true)]
    [InlineData(0.0, 2 * Math.PI, 1, false)]
    public void Linspace_is_numpys(double start, double stop, int num, bool endpoint)
    {
        double div = endpoint ? num - 1 : num;
        var expected = Enumerable.Range(0, num)
            .Select(i => endpoint && num > 1 && i == num - 1 ? stop : div > 0 ? i * ((stop - start) / div) + start : start);
        Assert.Equal(expected, SklearnGenerators.Linspace(start, stop, num, endpoint));
    }

    private void Check(string key, LabeledPoints actual)
    {
        int notIdentical = ReferenceComparison.AssertMatches(reference.Results.Value[key], actual, Tolerance, key);
        output.WriteLine($"{key}: {actual.Rows.Length} rows, {notIdentical} value(s) not bit for bit equal " +
                         $"(numpy {reference.Versions.Value.Numpy}, scikit-learn {reference.Versions.Value.Sklearn})");
    }

    /// <summary>Every case's scikit-learn output, from one python process started on first use.</summary>
    public sealed class Reference
    {
        public Reference()
        {
            Document = new Lazy<JsonDocument>(Run);
            Results = new Lazy<Dictionary<string, JsonElement>>(() => Keys()
                .Zip(Document.Value.RootElement.GetProperty("results").EnumerateArray())
                .ToDictionary(p => p.First, p => p.Second));
            Versions = new Lazy<(string, string)>(() => (Document.Value.RootElement.GetProperty("numpy").GetString()!,
                Document.Value.RootElement.GetProperty("sklearn").GetString()!));
        }

        private Lazy<JsonDocument> Document { get; }
        public Lazy<Dictionary<string, JsonElement>> Results { get; }
        public Lazy<(string Numpy, string Sklearn)> Versions { get; }

        public static string MoonsKey(int samples, double noise, uint seed) => $"moons({samples}, noise {noise:R}, seed {seed})";

        public static string CirclesKey(int samples, double noise, double factor, uint seed) =>
            $"circles({samples}, noise {noise:R}, factor {factor:R}, seed {seed})";

        public static string BlobsKey(int samples, int centers, int features, double std, uint seed) =>
            $"blobs({samples}, centers {centers}, features {features}, std {std:R}, seed {seed})";

        private static IEnumerable<string> Keys() =>
            MoonsCases().Select(c => MoonsKey((int)c[0], (double)c[1], (uint)c[2]))
                .Concat(CirclesCases().Select(c => CirclesKey((int)c[0], (double)c[1], (double)c[2], (uint)c[3])))
                .Concat(BlobsCases().Select(c => BlobsKey((int)c[0], (int)c[1], (int)c[2], (double)c[3], (uint)c[4])));

        private static JsonDocument Run()
        {
            var cases = new List<object>();
            cases.AddRange(MoonsCases().Select(c => new { kind = "moons", samples = c[0], noise = c[1], seed = c[2] }));
            cases.AddRange(CirclesCases().Select(c =>
                new { kind = "circles", samples = c[0], noise = c[1], factor = c[2], seed = c[3] }));
            cases.AddRange(BlobsCases().Select(c =>
                new { kind = "blobs", samples = c[0], centers = c[1], features = c[2], cluster_std = c[3], seed = c[4] }));
            return PythonReference.Run("sklearn_generators.py", cases);
        }
    }
}

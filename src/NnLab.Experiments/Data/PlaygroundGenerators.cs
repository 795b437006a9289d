using NnLab.Numerics;

namespace NnLab.Experiments.Data;

/// <summary>
/// The classification sets of TensorFlow Playground (<c>src/dataset.ts</c>: classifyXORData, classifySpiralData,
/// classifyTwoGaussData, classifyCircleData), their formulas and loop order kept, with a seeded numpy stream in place
/// of the browser's <c>Math.random()</c>, so a NumPy user can draw the same points
/// (<c>tests/reference/playground_generators.py</c> does).
/// </summary>
/// <remarks>
/// <para>
/// Randomness: <c>rng = np.random.RandomState(seed)</c>; every <c>Math.random()</c> of dataset.ts is one
/// <c>rng.random_sample()</c>, so <c>randUniform(a, b)</c> is <c>rng.random_sample() * (b - a) + a</c>; the Gaussian
/// set's <c>normalRandom(mean, variance)</c> is one <c>rng.normal(mean, sqrt(variance))</c> (numpy's polar method with
/// its cached second value, not the Playground's own Box–Muller loop). Draw order, point after point:
/// </para>
/// <list type="bullet">
/// <item><b>Xor</b>, i = 0..samples−1: x = U(−5, 5), y = U(−5, 5), then noiseX = U(−5, 5)·noise, noiseY = U(−5, 5)·noise
/// (four uniforms even when noise is 0).</item>
/// <item><b>Spiral</b>, the +1 arm (Δ = 0) then the −1 arm (Δ = π), i = 0, 1, … while i &lt; samples/2: the uniform of x's
/// noise, then y's.</item>
/// <item><b>Gaussian</b>, the +1 cluster at (2, 2) then the −1 cluster at (−2, −2), i while i &lt; samples/2: normal x,
/// then normal y.</item>
/// <item><b>Circle</b>, the inner points then the outer ones, i while i &lt; samples/2: r, angle, then noiseX, noiseY.</item>
/// </list>
/// <para>
/// As in dataset.ts, the two-class loops run while <c>i &lt; samples / 2</c> in floating point, so for an odd
/// <c>samples</c> Spiral, Gaussian and Circle return ⌈samples/2⌉ points per class (samples + 1 in all); Xor returns
/// exactly <c>samples</c>. Points come class by class, not shuffled (the Playground shuffles them afterwards, in
/// playground.ts, with its own generator). Labels: the Playground's +1 is 1 here, −1 is 0.
/// </para>
/// <para>
/// <c>noise</c> has the Playground's meaning: its UI percentage divided by 100, a number in [0, 0.5]. For Xor and
/// Circle it moves only the point the label is computed from (the stored point is the noise-free one), so it flips
/// labels near the boundary; for Spiral it is added to the coordinates; for Gaussian it sets the clusters' variance.
/// </para>
/// </remarks>
internal static class PlaygroundGenerators
{
    /// <summary>
    /// classifyXORData: points uniform in [−5, 5]², each coordinate pushed 0.3 away from its axis; label 1 when
    /// (x + noiseX)·(y + noiseY) ≥ 0, else 0, with noiseX, noiseY uniform in [−5, 5]·<paramref name="noise"/>.
    /// </summary>
    /// <param name="samples">Number of points (≥ 1).</param>
    /// <param name="noise">The Playground's noise: its percentage / 100, in [0, 0.5].</param>
    /// <param name="seed">The seed of the numpy stream, as <c>np.random.RandomState(seed)</c>.</param>
    public static LabeledPoints Xor(int samples, double noise, uint seed)
    {
        Check(samples, noise);
        var rng = new NumpyRandomState(seed);
        const double padding = 0.3;
        var rows = new List<double[]>(samples);
        var labels = new List<int>(samples);
        for (int i = 0; i < samples; i++)
        {
            double x = RandUniform(rng, -5, 5);
            x += x > 0 ? padding : -padding;
            double y = RandUniform(rng, -5, 5);
            y += y > 0 ? padding : -padding;
            double noiseX = RandUniform(rng, -5, 5) * noise;
            double noiseY = RandUniform(rng, -5, 5) * noise;
            rows.Add([x, y]);
            labels.Add((x + noiseX) * (y + noiseY) >= 0 ? 1 : 0);
        }
        return new LabeledPoints(rows.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// classifySpiralData: two arms, n = samples/2, point i at r = i/n·5, t = 1.75·i/n·2π + Δ (Δ = 0 for class 1,
    /// π for class 0), (r·sin t, r·cos t) plus U(−1, 1)·<paramref name="noise"/> on each coordinate.
    /// </summary>
    /// <param name="samples">Twice the points per arm (an odd count gives ⌈samples/2⌉ per arm, as the Playground).</param>
    /// <param name="noise">The Playground's noise: its percentage / 100, in [0, 0.5].</param>
    /// <param name="seed">The seed of the numpy stream, as <c>np.random.RandomState(seed)</c>.</param>
    public static LabeledPoints Spiral(int samples, double noise, uint seed)
    {
        Check(samples, noise);
        var rng = new NumpyRandomState(seed);
        var rows = new List<double[]>(samples + 1);
        var labels = new List<int>(samples + 1);
        double n = samples / 2.0;
        void Arm(double deltaT, int label)
        {
            for (int i = 0; i < n; i++)
            {
                double r = i / n * 5;
                double t = 1.75 * i / n * 2 * Math.PI + deltaT;
                double x = r * Math.Sin(t) + RandUniform(rng, -1, 1) * noise;
                double y = r * Math.Cos(t) + RandUniform(rng, -1, 1) * noise;
                rows.Add([x, y]);
                labels.Add(label);
            }
        }
        Arm(0, 1);
        Arm(Math.PI, 0);
        return new LabeledPoints(rows.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// classifyTwoGaussData: class 1 around (2, 2), class 0 around (−2, −2), each coordinate normal with variance
    /// 0.5 + (4 − 0.5)·noise/0.5 (the Playground's d3 linear scale from [0, 0.5] to [0.5, 4], evaluated as d3 does:
    /// t = noise / 0.5, variance = 0.5·(1 − t) + 4·t).
    /// </summary>
    /// <param name="samples">Twice the points per cluster (an odd count gives ⌈samples/2⌉ per cluster).</param>
    /// <param name="noise">The Playground's noise: its percentage / 100, in [0, 0.5].</param>
    /// <param name="seed">The seed of the numpy stream, as <c>np.random.RandomState(seed)</c>.</param>
    public static LabeledPoints Gaussian(int samples, double noise, uint seed)
    {
        Check(samples, noise);
        var rng = new NumpyRandomState(seed);
        double t = (noise - 0) / 0.5;
        double variance = 0.5 * (1 - t) + 4 * t;
        double sd = Math.Sqrt(variance);
        var rows = new List<double[]>(samples + 1);
        var labels = new List<int>(samples + 1);
        void Cluster(double cx, double cy, int label)
        {
            for (int i = 0; i < samples / 2.0; i++)
            {
                double x = rng.Normal(cx, sd);
                double y = rng.Normal(cy, sd);
                rows.Add([x, y]);
                labels.Add(label);
            }
        }
        Cluster(2, 2, 1);
        Cluster(-2, -2, 0);
        return new LabeledPoints(rows.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// classifyCircleData: radius 5; inner points at r = U(0, 2.5), outer at r = U(3.5, 5), angle U(0, 2π), point
    /// (r·sin angle, r·cos angle); label 1 when the point moved by U(−5, 5)·<paramref name="noise"/> on each coordinate
    /// lies within 2.5 of the origin, else 0 (without noise: inner 1, outer 0).
    /// </summary>
    /// <param name="samples">Twice the points per ring (an odd count gives ⌈samples/2⌉ per ring).</param>
    /// <param name="noise">The Playground's noise: its percentage / 100, in [0, 0.5].</param>
    /// <param name="seed">The seed of the numpy stream, as <c>np.random.RandomState(seed)</c>.</param>
    public static LabeledPoints Circle(int samples, double noise, uint seed)
    {
        Check(samples, noise);
        var rng = new NumpyRandomState(seed);
        const double radius = 5;
        var rows = new List<double[]>(samples + 1);
        var labels = new List<int>(samples + 1);
        void Ring(double minRadius, double maxRadius)
        {
            for (int i = 0; i < samples / 2.0; i++)
            {
                double r = RandUniform(rng, minRadius, maxRadius);
                double angle = RandUniform(rng, 0, 2 * Math.PI);
                double x = r * Math.Sin(angle);
                double y = r * Math.Cos(angle);
                double noiseX = RandUniform(rng, -radius, radius) * noise;
                double noiseY = RandUniform(rng, -radius, radius) * noise;
                double dx = x + noiseX - 0, dy = y + noiseY - 0;
                rows.Add([x, y]);
                labels.Add(Math.Sqrt(dx * dx + dy * dy) < radius * 0.5 ? 1 : 0);
            }
        }
        Ring(0, radius * 0.5);
        Ring(radius * 0.7, radius);
        return new LabeledPoints(rows.ToArray(), labels.ToArray());
    }

    /// <summary>dataset.ts's randUniform(a, b) = Math.random()·(b − a) + a, with one numpy random_sample.</summary>
    private static double RandUniform(NumpyRandomState rng, double a, double b) => rng.NextUniform() * (b - a) + a;

    private static void Check(int samples, double noise)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (!(noise >= 0 && noise <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(noise), noise,
                "noise is the Playground's noise percentage / 100, a number in [0, 0.5].");
    }
}

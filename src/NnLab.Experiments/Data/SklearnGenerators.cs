using NnLab.Numerics;

namespace NnLab.Experiments.Data;

/// <summary>
/// scikit-learn 1.2's <c>make_moons</c>, <c>make_circles</c> and <c>make_blobs</c>
/// (<c>sklearn/datasets/_samples_generator.py</c>) with <c>shuffle=True</c>, value for value: the same numpy legacy
/// stream (<see cref="NumpyRandomState"/>, as <c>random_state=seed</c>), the same draws in the same order and the same
/// arithmetic. The only functions that may round differently from a NumPy build are the cosines and sines of
/// moons and circles, which come from the C library on both sides (glibc here: the same bits).
/// </summary>
/// <remarks>
/// The shuffle is <c>sklearn.utils.shuffle(X, y, random_state=generator)</c>, i.e. <c>resample(replace=False)</c>:
/// <c>indices = arange(n); generator.shuffle(indices)</c>, then row i of the result is row <c>indices[i]</c> of the
/// unshuffled data. Moons and circles add their noise after shuffling.
/// </remarks>
internal static class SklearnGenerators
{
    /// <summary>
    /// <c>make_moons(n_samples=samples, shuffle=True, noise=noise, random_state=seed)</c>: two interleaving half
    /// circles in 2-D, ⌊samples/2⌋ of class 0 (the upper moon) and the rest of class 1. <paramref name="noise"/> is the
    /// standard deviation of the Gaussian noise added to each coordinate; 0 adds nothing (scikit-learn still draws
    /// the normals when <c>noise=0.0</c> and adds 0·g; so does this, so the values are equal).
    /// </summary>
    public static LabeledPoints MakeMoons(int samples, double noise, uint seed)
    {
        CheckSamples(samples);
        CheckNoise(noise);
        var rng = new NumpyRandomState(seed);
        int outer = samples / 2, inner = samples - outer;
        double[] outerT = Linspace(0, Math.PI, outer, endpoint: true);
        double[] innerT = Linspace(0, Math.PI, inner, endpoint: true);

        var rows = new double[samples][];
        var labels = new int[samples];
        for (int i = 0; i < outer; i++)
            rows[i] = [Math.Cos(outerT[i]), Math.Sin(outerT[i])];
        for (int i = 0; i < inner; i++)
        {
            rows[outer + i] = [1 - Math.Cos(innerT[i]), 1 - Math.Sin(innerT[i]) - 0.5];
            labels[outer + i] = 1;
        }

        var result = ShuffleRows(rows, labels, rng);
        AddNormalNoise(result.Rows, noise, rng);
        return result;
    }

    /// <summary>
    /// <c>make_circles(n_samples=samples, shuffle=True, noise=noise, random_state=seed, factor=factor)</c>: a large
    /// circle of radius 1 (class 0, ⌊samples/2⌋ points) around a small one of radius <paramref name="factor"/> (class 1,
    /// the rest), points evenly spaced in angle from 0 (end point excluded). <paramref name="noise"/> is the standard
    /// deviation of the Gaussian noise added to each coordinate after shuffling (0: none, drawn as scikit-learn does).
    /// </summary>
    public static LabeledPoints MakeCircles(int samples, double noise, double factor, uint seed)
    {
        CheckSamples(samples);
        CheckNoise(noise);
        if (!(factor >= 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in [0, 1).");
        var rng = new NumpyRandomState(seed);
        int outer = samples / 2, inner = samples - outer;
        double[] outerT = Linspace(0, 2 * Math.PI, outer, endpoint: false);
        double[] innerT = Linspace(0, 2 * Math.PI, inner, endpoint: false);

        var rows = new double[samples][];
        var labels = new int[samples];
        for (int i = 0; i < outer; i++)
            rows[i] = [Math.Cos(outerT[i]), Math.Sin(outerT[i])];
        for (int i = 0; i < inner; i++)
        {
            rows[outer + i] = [Math.Cos(innerT[i]) * factor, Math.Sin(innerT[i]) * factor];
            labels[outer + i] = 1;
        }

        var result = ShuffleRows(rows, labels, rng);
        AddNormalNoise(result.Rows, noise, rng);
        return result;
    }

    /// <summary>
    /// <c>make_blobs(n_samples=samples, n_features=features, centers=centers, cluster_std=clusterStd,
    /// center_box=(-10, 10), shuffle=True, random_state=seed)</c>: <paramref name="centers"/> isotropic Gaussian
    /// clusters, labels 0..centers−1. Draw order: the centers, <c>uniform(-10, 10, (centers, features))</c> row by row;
    /// then for each center in turn its points, <c>normal(center, clusterStd, (n_i, features))</c> row by row, where the
    /// first <c>samples % centers</c> centers get ⌊samples/centers⌋ + 1 points and the others ⌊samples/centers⌋; then
    /// the shuffle.
    /// </summary>
    public static LabeledPoints MakeBlobs(int samples, int centers, int features, double clusterStd, uint seed)
    {
        CheckSamples(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(centers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (!(clusterStd >= 0) || double.IsInfinity(clusterStd))
            throw new ArgumentOutOfRangeException(nameof(clusterStd), clusterStd, "clusterStd must be finite and at least 0.");
        var rng = new NumpyRandomState(seed);

        var centerPoints = new double[centers][];
        for (int c = 0; c < centers; c++)
        {
            centerPoints[c] = new double[features];
            for (int j = 0; j < features; j++) centerPoints[c][j] = rng.Uniform(-10.0, 10.0);
        }

        var rows = new double[samples][];
        var labels = new int[samples];
        int row = 0;
        for (int c = 0; c < centers; c++)
        {
            int count = samples / centers + (c < samples % centers ? 1 : 0);
            for (int k = 0; k < count; k++, row++)
            {
                rows[row] = new double[features];
                for (int j = 0; j < features; j++) rows[row][j] = rng.Normal(centerPoints[c][j], clusterStd);
                labels[row] = c;
            }
        }

        return ShuffleRows(rows, labels, rng);
    }

    /// <summary>
    /// <c>np.linspace(start, stop, num, endpoint)</c> for the case used here (start ≠ stop): step = (stop − start)/div
    /// with div = num − 1 (end point included) or num, value i = i·step + start, and the last value set to stop when
    /// the end point is included.
    /// </summary>
    internal static double[] Linspace(double start, double stop, int num, bool endpoint)
    {
        var values = new double[num];
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        if (div > 0)
        {
            double step = delta / div;
            for (int i = 0; i < num; i++)
                values[i] = step == 0 ? i / (double)div * delta + start : i * step + start;
        }
        else
        {
            for (int i = 0; i < num; i++) values[i] = i * delta + start;
        }
        if (endpoint && num > 1) values[num - 1] = stop;
        return values;
    }

    /// <summary>sklearn.utils.shuffle: <c>indices = arange(n); random_state.shuffle(indices)</c>; X[indices], y[indices].</summary>
    private static LabeledPoints ShuffleRows(double[][] rows, int[] labels, NumpyRandomState rng)
    {
        var indices = new int[rows.Length];
        for (int i = 0; i < indices.Length; i++) indices[i] = i;
        rng.Shuffle(indices);
        var shuffledRows = new double[rows.Length][];
        var shuffledLabels = new int[rows.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            shuffledRows[i] = rows[indices[i]];
            shuffledLabels[i] = labels[indices[i]];
        }
        return new LabeledPoints(shuffledRows, shuffledLabels);
    }

    /// <summary><c>X += generator.normal(scale=noise, size=X.shape)</c>: one normal per value, row by row.</summary>
    private static void AddNormalNoise(double[][] rows, double noise, NumpyRandomState rng)
    {
        foreach (var row in rows)
            for (int j = 0; j < row.Length; j++)
                row[j] += rng.Normal(0.0, noise);
    }

    private static void CheckSamples(int samples) => ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);

    private static void CheckNoise(double noise)
    {
        if (!(noise >= 0) || double.IsInfinity(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be finite and at least 0.");
    }
}

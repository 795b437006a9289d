using System.Globalization;
using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Bench;

/// <summary>
/// The workloads bench/run.sh compares; the NumPy and PyTorch scripts in bench/ build the same ones. The data is built
/// in float64 and converted once to the run's element type (float32: each value rounded once, as numpy's astype does).
/// </summary>
internal static class Workloads
{
    public static Workload<T> Create<T>(string name, string? digitsCsv) where T : IFloatingPointIeee754<T> => name switch
    {
        // The tutorial's XOR: 2-3-1 sigmoid, xavier from seed 48, lr 1, 5000 full-batch epochs.
        "xor" => new("xor", In<T>(Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1])), In<T>(Matrix.FromRows([0, 1, 1, 0])),
            [3, 1], "sigmoid", "xavier", "half_squared_error", 1.0, 5000, 0, 48),
        // sklearn's digits (1797 × 64, pixels / 16): 64-128-64-10 relu, softmax cross-entropy, lr 0.1, 50 epochs.
        "digits" => Digits<T>(digitsCsv, 0),
        "digits-mb64" => Digits<T>(digitsCsv, 64),
        // 8192 random examples of 784 features (seeded randn), 784-512-512-10 relu, softmax cross-entropy, 3 epochs.
        "wide" => Wide<T>(0),
        "wide-mb128" => Wide<T>(128),
        _ => throw new ArgumentException($"unknown workload '{name}' (xor, digits, digits-mb64, wide, wide-mb128)"),
    };

    /// <summary>The float64 matrix itself for a float64 run, else a converted copy.</summary>
    private static Matrix<T> In<T>(Matrix<double> values) where T : IFloatingPointIeee754<T> =>
        values as Matrix<T> ?? values.ConvertTo<T>();

    private static Workload<T> Digits<T>(string? csv, int batchSize) where T : IFloatingPointIeee754<T>
    {
        if (csv is null) throw new ArgumentException("the digits workloads need --digits <csv> (bench/run.sh exports it)");
        var lines = File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).ToArray();
        var x = new Matrix<double>(64, lines.Length);
        var y = new Matrix<double>(10, lines.Length);
        for (int j = 0; j < lines.Length; j++)
        {
            var fields = lines[j].Split(',');
            for (int i = 0; i < 64; i++) x[i, j] = double.Parse(fields[i], CultureInfo.InvariantCulture);
            y[int.Parse(fields[64], CultureInfo.InvariantCulture), j] = 1;
        }
        return new(batchSize == 0 ? "digits" : $"digits-mb{batchSize}", In<T>(x), In<T>(y), [128, 64, 10], "relu", "he",
            "softmax_cross_entropy", 0.1, 50, batchSize, 1);
    }

    private static Workload<T> Wide<T>(int batchSize) where T : IFloatingPointIeee754<T>
    {
        const int m = 8192, features = 784;
        // np.random.RandomState(7).randn(784, 8192); class of example j is j mod 10.
        var random = new NumpyRandomState(7);
        var x = new Matrix<double>(features, m);
        for (int i = 0; i < x.Length; i++) x.Data[i] = random.NextGaussian();
        var y = new Matrix<double>(10, m);
        for (int j = 0; j < m; j++) y[j % 10, j] = 1;
        return new(batchSize == 0 ? "wide" : $"wide-mb{batchSize}", In<T>(x), In<T>(y), [512, 512, 10], "relu", "he",
            "softmax_cross_entropy", 0.01, 3, batchSize, 1);
    }
}

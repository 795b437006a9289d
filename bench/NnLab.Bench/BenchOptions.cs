using System.Globalization;
using NnLab.Numerics;

namespace NnLab.Bench;

/// <summary>The driver's command line: a workload name, then <c>--option value</c> pairs.</summary>
internal sealed record BenchOptions(
    string Workload,
    int Threads,
    MatrixKernels Kernels,
    Precision Precision,
    int Repeats,
    string? Digits,
    bool Allocations,
    double WarmupSeconds,
    string Optimizer,
    string? Activation)
{
    public const string Usage =
        "usage: NnLab.Bench <peak|xor|xor-handwritten|digits|digits-mb64|wide|wide-mb128> [--threads N] [--kernels fast|reference] " +
        "[--precision float64|float32] [--repeats R] [--digits digits.csv] [--alloc 1] [--warmup-seconds S] " +
        "[--optimizer sgd|momentum|adam] [--activation relu|sigmoid|tanh]";

    /// <summary>
    /// Three seconds of warm-up by default: the runtime recompiles hot methods at tier 1 in the background, 100 ms after it
    /// last compiled anything, and the timed runs should see that code. One second was not always enough: float32 on 2
    /// threads then timed a burst of tier-1 compilation (the float instantiations, System.Numerics.Tensors' exp) that
    /// shared the two cores with training, 200-530 ms runs among 65-75 ms ones; with three seconds, or tiering off, none.
    /// </summary>
    public const double DefaultWarmupSeconds = 3.0;

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException(Usage);
        var options = new BenchOptions(args[0], 1, MatrixKernels.Fast, Precision.Float64, 5, null, false, DefaultWarmupSeconds, "sgd", null);
        for (int i = 1; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = options.With(args[i], value);
        }
        return options;
    }

    private BenchOptions With(string option, string value) => option switch
    {
        "--threads" => this with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
        "--repeats" => this with { Repeats = int.Parse(value, CultureInfo.InvariantCulture) },
        "--digits" => this with { Digits = value },
        "--alloc" => this with { Allocations = value is "1" or "true" },
        "--warmup-seconds" => this with { WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
        "--optimizer" => value is "sgd" or "momentum" or "adam"
            ? this with { Optimizer = value }
            : throw new ArgumentException($"unknown optimizer '{value}' (sgd, momentum, adam)"),
        "--activation" => value is "relu" or "sigmoid" or "tanh"
            ? this with { Activation = value }
            : throw new ArgumentException($"unknown activation '{value}' (relu, sigmoid, tanh)"),
        "--kernels" => this with
        {
            Kernels = MatrixOperations.TryParse(value, out var kernels) ? kernels : throw new ArgumentException($"unknown kernels '{value}'"),
        },
        "--precision" => this with
        {
            Precision = PrecisionNames.TryParse(value, out var precision) ? precision : throw new ArgumentException($"unknown precision '{value}' (float64, float32)"),
        },
        _ => throw new ArgumentException($"unknown option {option}\n{Usage}"),
    };
}

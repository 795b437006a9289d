using System.Globalization;
using NnLab.Numerics;

namespace NnLab.Runner.Output;

/// <summary>
/// How a run reports a value it computed in its precision. A float32 cost is a float widened exactly to double
/// (0.0009210173739120364): reported as it is, the console, log.jsonl and summary.json would print digits the float
/// never had. It is reported as the double nearest the float's shortest text (0.00092101737), which reads back as the
/// same float, so every output of the run agrees with cost.csv. float64 values are reported unchanged.
/// </summary>
internal static class ReportedNumber
{
    public static double In(Precision precision, double value)
    {
        if (precision != Precision.Float32 || !double.IsFinite(value)) return value;
        Span<char> text = stackalloc char[32]; // no allocation: costs are reported from inside the training loop
        ((float)value).TryFormat(text, out int length, "R", CultureInfo.InvariantCulture);
        return double.Parse(text[..length], CultureInfo.InvariantCulture);
    }

    public static double? In(Precision precision, double? value) => value is { } v ? In(precision, v) : null;
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace NnLab.Experiments.Loading;

/// <summary>Checks a number against a DataAnnotations [Range] and words the failure for people, not for the attribute.</summary>
internal static class RangeCheck
{
    /// <summary>Null when <paramref name="value"/> is in range, else e.g. "must be at least 1, got 0".</summary>
    public static string? Check(RangeAttribute range, double value, string written)
    {
        double min = ToDouble(range.Minimum);
        double max = ToDouble(range.Maximum);
        // Range(double.Epsilon, ...) is the idiom for "strictly positive".
        bool minExclusive = range.MinimumIsExclusive || min == double.Epsilon;
        double shownMin = min == double.Epsilon ? 0 : min;
        bool hasMin = !IsUnbounded(min);
        bool hasMax = !IsUnbounded(max);

        bool tooLow = hasMin && (minExclusive ? value <= shownMin : value < min);
        bool tooHigh = hasMax && (range.MaximumIsExclusive ? value >= max : value > max);
        if (!tooLow && !tooHigh) return null;

        var parts = new List<string>(2);
        if (hasMin) parts.Add(minExclusive ? $"greater than {Format(shownMin)}" : $"at least {Format(min)}");
        if (hasMax) parts.Add(range.MaximumIsExclusive ? $"less than {Format(max)}" : $"at most {Format(max)}");
        return $"must be {string.Join(" and ", parts)}, got {written}";
    }

    // The type's extreme values mean "no bound on this side" (Range(1, int.MaxValue) is "at least 1").
    private static bool IsUnbounded(double bound) =>
        double.IsInfinity(bound) || Math.Abs(bound) >= double.MaxValue
        || bound is int.MaxValue or int.MinValue or long.MaxValue or long.MinValue;

    private static double ToDouble(object bound) => Convert.ToDouble(bound, CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

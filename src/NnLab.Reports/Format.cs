using System.Globalization;

namespace NnLab.Reports;

/// <summary>How reports print numbers: invariant culture, short, with a lower-case exponent.</summary>
internal static class Format
{
    /// <summary><paramref name="digits"/> significant digits: 0.0012, 1.1e-05, 232.1.</summary>
    public static string Number(double value, int digits = 4)
    {
        if (double.IsNaN(value)) return "—";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "−∞";
        return value.ToString("G" + digits, CultureInfo.InvariantCulture).Replace("E-0", "e-").Replace("E+0", "e+")
            .Replace("E-", "e-").Replace("E+", "e+");
    }

    public static string Number(double? value, int digits = 4) => value is { } v ? Number(v, digits) : "—";

    public static string Cost(double value) => Number(value, 2);

    public static string Percent(double? fraction) => fraction is { } f && double.IsFinite(f)
        ? (100 * f).ToString("0.0", CultureInfo.InvariantCulture) + " %"
        : "—";

    public static string Seconds(double? seconds) => seconds is { } s && double.IsFinite(s)
        ? s < 10 ? s.ToString("0.00", CultureInfo.InvariantCulture) + " s" : s.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : "—";

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "—";

    /// <summary>A parameter's number when its text is one (sweep values are one-line YAML).</summary>
    public static double? Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
}

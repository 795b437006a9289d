using System.Globalization;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The values of <c>linspace</c> and <c>logspace</c>. Both hit their endpoints exactly and round the points between
/// to 15 significant digits, so a range gives the numbers a person would have typed (0.3, not 0.30000000000000004).
/// </summary>
internal static class NumberSpacing
{
    /// <summary>start + i·(stop − start)/(count − 1), i = 0 … count − 1; one point is start.</summary>
    public static double[] Linear(double start, double stop, int count) =>
        Points(start, stop, count, i => start + i * ((stop - start) / (count - 1)));

    /// <summary>start·(stop/start)^(i/(count − 1)): equal ratios between neighbours, as numpy's geomspace.</summary>
    public static double[] Geometric(double start, double stop, int count)
    {
        double low = Math.Log10(start);
        double step = (Math.Log10(stop) - low) / (count - 1);
        return Points(start, stop, count, i => Math.Pow(10, low + i * step));
    }

    /// <summary><paramref name="value"/> rounded to 15 significant digits, the precision a double holds for sure.</summary>
    public static double Round(double value) =>
        double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double[] Points(double start, double stop, int count, Func<int, double> inner)
    {
        var points = new double[count];
        for (int i = 0; i < count; i++)
            points[i] = i == 0 ? start : i == count - 1 ? stop : Round(inner(i));
        return points;
    }
}

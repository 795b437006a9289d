namespace NnLab.Reports.Charts.Svg;

/// <summary>
/// The ticks of one axis, in data values: the labelled ones (<see cref="Major"/>, with their <see cref="Labels"/>) and
/// unlabelled ones between them (<see cref="Minor"/>, lighter grid lines).
/// </summary>
internal sealed record AxisTicks(double[] Major, string[] Labels, double[] Minor)
{
    /// <summary>
    /// Ticks for a linear axis over [<paramref name="min"/>, <paramref name="max"/>]: multiples of a step of 1, 2 or 5
    /// × 10^k chosen so that about <paramref name="target"/> of them fall inside.
    /// </summary>
    public static AxisTicks Linear(double min, double max, int target = 6)
    {
        double step = NiceStep((max - min) / Math.Max(1, target));
        // Digits after the point a multiple of the step needs, so 3 × 0.1 prints 0.3, not 0.30000000000000004.
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)), 0, 15);
        var major = new List<double>();
        for (double k = Math.Ceiling(min / step - 1e-9); k * step <= max + step * 1e-9; k++)
        {
            double v = Math.Round(k * step, decimals);
            major.Add(v == 0 ? 0 : v); // no "-0"
        }
        return new AxisTicks(major.ToArray(), LabelsOf(major, 10), []);
    }

    /// <summary>
    /// Ticks for a log axis over the positive values [<paramref name="min"/>, <paramref name="max"/>]: labelled powers of
    /// ten, with 2–9 × 10^k between them; a range too short to hold two powers of ten labels 1, 2 and 5 × 10^k, then
    /// every 1–9 × 10^k, then plain linear steps, so at least two ticks carry a value.
    /// </summary>
    public static AxisTicks Log(double min, double max)
    {
        int first = (int)Math.Floor(Math.Log10(min)), last = (int)Math.Ceiling(Math.Log10(max));
        var powers = Multiples(min, max, first, last, [1]);
        if (powers.Count >= 2)
        {
            // Many decades: label every n-th power of ten (at most 8 labels), the others become minor ticks.
            int every = (powers.Count + 7) / 8;
            var labelled = new List<double>();
            var minor = new List<double>();
            for (int i = 0; i < powers.Count; i++) (i % every == 0 ? labelled : minor).Add(powers[i]);
            if (every == 1 && powers.Count <= 6) minor.AddRange(Multiples(min, max, first, last, [2, 3, 4, 5, 6, 7, 8, 9]));
            return new AxisTicks(labelled.ToArray(), LabelsOf(labelled, 3), minor.ToArray());
        }
        var ones = Multiples(min, max, first, last, [1, 2, 5]);
        if (ones.Count >= 2) return new AxisTicks(ones.ToArray(), LabelsOf(ones, 3), Multiples(min, max, first, last, [3, 4, 6, 7, 8, 9]).ToArray());
        var all = Multiples(min, max, first, last, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        if (all.Count >= 2) return new AxisTicks(all.ToArray(), LabelsOf(all, 3), []);
        var linear = Linear(min, max, 4);
        return linear with { Labels = LabelsOf(linear.Major, 4) };
    }

    /// <summary>1, 2, 5 or 10 × the power of ten at or below <paramref name="rough"/>, whichever is nearest above it.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    /// <summary>m × 10^k for each m in <paramref name="factors"/> (ascending) and k in first..last that lie in [min, max], ascending.</summary>
    private static List<double> Multiples(double min, double max, int first, int last, int[] factors)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var values = new List<double>();
        for (int k = first; k <= last; k++)
            foreach (int m in factors)
            {
                // Parsing "me k" gives the double nearest m × 10^k (m * Math.Pow(10, k) can be one ulp off: 3e-5).
                double v = double.Parse(m.ToString(invariant) + "e" + k.ToString(invariant), invariant);
                if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) values.Add(v);
            }
        return values;
    }

    private static string[] LabelsOf(List<double> values, int digits)
    {
        var labels = new string[values.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = Format.Number(values[i], digits);
        return labels;
    }

    private static string[] LabelsOf(double[] values, int digits) => LabelsOf(new List<double>(values), digits);
}

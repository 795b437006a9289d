namespace NnLab.Reports.Sweeps;

/// <summary>
/// What the charts ask of an axis whose values are all numbers: how many distinct ones, the lowest and highest (in
/// Array.Sort's order, NaN first) and whether all are positive. Kept instead of the distinct values themselves, which
/// for a random sweep are as many as its trials.
/// </summary>
internal sealed record AxisNumberRange(int Count, double First, double Last, bool AllPositive)
{
    /// <summary>Whether the values are all positive numbers spanning at least a factor of 50 (plotted on a log axis).</summary>
    public bool IsLogSpaced => Count > 2 && AllPositive && Last / First >= 50;

    /// <summary>The range of <paramref name="numbers"/>, which it sorts.</summary>
    public static AxisNumberRange Of(double[] numbers)
    {
        Array.Sort(numbers);
        int distinct = 0;
        bool positive = true;
        for (int i = 0; i < numbers.Length; i++)
        {
            if (i == 0 || !numbers[i - 1].Equals(numbers[i])) distinct++;
            positive &= numbers[i] > 0;
        }
        return new AxisNumberRange(distinct, numbers.Length > 0 ? numbers[0] : double.NaN, numbers.Length > 0 ? numbers[^1] : double.NaN, positive);
    }
}

namespace NnLab.Reports.Sweeps;

/// <summary>
/// What the charts ask of an axis whose values are all numbers: whether it has more than two distinct ones (up to 3
/// counted), the lowest and highest (in Array.Sort's order, NaN lowest) and whether all are positive. Worked out in
/// one pass: neither the distinct values (as many as a random sweep's trials) nor a sorted copy of them is kept.
/// </summary>
internal sealed class AxisNumberRange
{
    private readonly List<double> _firstDistinct = new(3);
    private bool _any;

    /// <summary>How many distinct values, counted up to 3.</summary>
    public int Count => _firstDistinct.Count;

    public double First { get; private set; } = double.NaN;
    public double Last { get; private set; } = double.NaN;
    public bool AllPositive { get; private set; } = true;

    /// <summary>Whether the values are all positive numbers spanning at least a factor of 50 (plotted on a log axis).</summary>
    public bool IsLogSpaced => Count > 2 && AllPositive && Last / First >= 50;

    public void Add(double value)
    {
        if (!_firstDistinct.Contains(value) && _firstDistinct.Count < 3) _firstDistinct.Add(value);
        AllPositive &= value > 0;
        // Sorting puts NaN first and equal values (0, -0) in no set order: which of two equal ones is kept does not show.
        if (!_any || value.CompareTo(First) < 0) First = value;
        if (!_any || value.CompareTo(Last) > 0) Last = value;
        _any = true;
    }
}

namespace NnLab.Reports.Sweeps;

/// <summary>
/// The least and greatest of numbers seen one by one, as Enumerable.Min and Max over them give (what the page printed
/// when it listed them first): the least is NaN once any number is, the greatest only while every one is, and of equal
/// numbers (0 and -0) the first stays. Holds no list: a verdict's range over a million trials costs nothing.
/// </summary>
internal struct Extremes
{
    private double _min, _max;

    public int Count { get; private set; }

    /// <summary>The least, or NaN when none was added (DefaultIfEmpty(NaN)).</summary>
    public readonly double Min => Count == 0 ? double.NaN : _min;

    /// <summary>The greatest, or NaN when none was added.</summary>
    public readonly double Max => Count == 0 ? double.NaN : _max;

    public void Add(double value)
    {
        if (Count++ == 0)
        {
            _min = _max = value;
            return;
        }
        if (!double.IsNaN(_min) && (value < _min || double.IsNaN(value))) _min = value;
        if (double.IsNaN(_max) || value > _max) _max = value;
    }
}

namespace NnLab.Reports.Data;

/// <summary>
/// An optional number of every trial (its accuracy, say): no array at all until some trial has one, then 8 bytes a trial.
/// </summary>
internal sealed class NumberColumn
{
    // No value: a NaN whose bits no parsed number has, so a NaN that was written stays a value.
    private const long AbsentBits = unchecked((long)0xFFF8_0000_DEAD_0002);

    private double[]? _values;

    // The room <see cref="Reserve"/> asked for: the array is made that long at once instead of doubling up to it.
    private int _reserved;

    /// <summary>The value at <paramref name="position"/>, or null when that trial has none.</summary>
    public double? this[int position] =>
        _values is { } values && position < values.Length && BitConverter.DoubleToInt64Bits(values[position]) != AbsentBits
            ? values[position]
            : null;

    /// <summary>Whether some trial has a value.</summary>
    public bool Any => _values is not null;

    public void Set(int position, double? value)
    {
        if (value is null && (_values is null || position >= _values.Length)) return;
        if (_values is null || position >= _values.Length)
        {
            int old = _values?.Length ?? 0;
            Array.Resize(ref _values, position < _reserved ? _reserved : Math.Max(position + 1, Math.Max(16, old * 2)));
            Array.Fill(_values, BitConverter.Int64BitsToDouble(AbsentBits), old, _values.Length - old);
        }
        _values[position] = value ?? BitConverter.Int64BitsToDouble(AbsentBits);
    }

    /// <summary>Makes room for <paramref name="capacity"/> trials in one step, now if the column has values, else at its first.</summary>
    public void Reserve(int capacity)
    {
        _reserved = capacity;
        if (_values is { } values && values.Length < capacity)
        {
            Array.Resize(ref _values, capacity);
            Array.Fill(_values, BitConverter.Int64BitsToDouble(AbsentBits), values.Length, capacity - values.Length);
        }
    }

    /// <summary>Frees the room grown ahead of the trials, once all <paramref name="count"/> are read.</summary>
    public void Trim(int count)
    {
        if (_values is { } values && SweepTrials.IsWasteful(values.Length, count)) Array.Resize(ref _values, count);
    }
}

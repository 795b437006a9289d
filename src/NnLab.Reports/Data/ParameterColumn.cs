namespace NnLab.Reports.Data;

/// <summary>
/// One sweep parameter's value for every trial: 8 bytes a trial while every value is a number in its shortest form, and
/// 8 more (a reference to one shared copy of each distinct text) once some value is text.
/// </summary>
internal sealed class ParameterColumn
{
    // A trial without the parameter: a NaN whose bits no parsed text has (parsing "NaN" gives the runtime's own NaN).
    private const long MissingBits = unchecked((long)0xFFF8_0000_DEAD_0001);

    private double[] _numbers = [];
    private string?[]? _texts;
    private Dictionary<string, string>? _distinctTexts;
    private int _count;

    // The room <see cref="Reserve"/> asked for: the arrays are grown to it at once instead of doubling up to it.
    private int _reserved;

    /// <summary>The value at <paramref name="position"/>, or null when that trial has no such parameter.</summary>
    public ParameterValue? this[int position]
    {
        get
        {
            if (position >= _count) return null;
            if (_texts?[position] is { } text) return ParameterValue.OfText(text);
            double number = _numbers[position];
            return BitConverter.DoubleToInt64Bits(number) == MissingBits ? null : ParameterValue.OfNumber(number);
        }
    }

    /// <summary>Sets the value of the trial at <paramref name="position"/>; trials before it that got none have none.</summary>
    public void Set(int position, string text)
    {
        Grow(position + 1);
        var value = ParameterValue.Of(text);
        if (value.IsNumber)
        {
            _numbers[position] = value.Number;
            if (_texts is not null) _texts[position] = null;
            return;
        }
        _texts ??= new string?[_numbers.Length];
        _distinctTexts ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_distinctTexts.TryGetValue(text, out var shared)) _distinctTexts[text] = shared = text;
        _texts[position] = shared;
    }

    /// <summary>Makes room for <paramref name="capacity"/> trials in one step (the trials already set keep their values).</summary>
    public void Reserve(int capacity)
    {
        _reserved = capacity;
        if (_numbers.Length >= capacity) return;
        Array.Resize(ref _numbers, capacity);
        if (_texts is not null) Array.Resize(ref _texts, capacity);
    }

    /// <summary>Extends the column to <paramref name="count"/> trials and frees the room grown ahead of them, once all are read.</summary>
    public void Trim(int count)
    {
        Grow(count);
        if (SweepTrials.IsWasteful(_numbers.Length, count)) Array.Resize(ref _numbers, count);
        if (_texts is { } texts && SweepTrials.IsWasteful(texts.Length, count)) Array.Resize(ref _texts, count);
        _distinctTexts = null;
    }

    /// <summary>Extends the column to <paramref name="count"/> trials, the new ones missing.</summary>
    private void Grow(int count)
    {
        if (count <= _count) return;
        if (count > _numbers.Length)
        {
            Array.Resize(ref _numbers, count <= _reserved ? _reserved : Math.Max(count, Math.Max(16, _numbers.Length * 2)));
            if (_texts is not null) Array.Resize(ref _texts, _numbers.Length);
        }
        for (int i = _count; i < count; i++) _numbers[i] = BitConverter.Int64BitsToDouble(MissingBits);
        _count = count;
    }
}

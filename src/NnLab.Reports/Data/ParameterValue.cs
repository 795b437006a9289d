using System.Globalization;

namespace NnLab.Reports.Data;

/// <summary>
/// One trial's value of a sweep parameter as trials.json wrote it, in 8 bytes and a reference: a number whose text is
/// the shortest round-trip form of itself (what NnLab writes) is kept as the number alone and its text made again when
/// asked; any other text (a name, an empty value, a number written another way) is kept as that text.
/// </summary>
internal readonly struct ParameterValue : IEquatable<ParameterValue>
{
    private readonly double _number;
    private readonly string? _text;

    private ParameterValue(double number, string? text)
    {
        _number = number;
        _text = text;
    }

    public static ParameterValue OfNumber(double number) => new(number, null);

    public static ParameterValue OfText(string text) => new(double.NaN, text);

    /// <summary>The value of <paramref name="text"/>: a number when the text is exactly the number's shortest form.</summary>
    public static ParameterValue Of(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && IsShortestForm(number, text)
            ? OfNumber(number)
            : OfText(text);

    private static bool IsShortestForm(double number, string text)
    {
        Span<char> written = stackalloc char[32];
        return number.TryFormat(written, out int length, default, CultureInfo.InvariantCulture) && written[..length].SequenceEqual(text);
    }

    /// <summary>Whether it is kept as a number (its text is then the number's shortest form).</summary>
    public bool IsNumber => _text is null;

    /// <summary>The number kept (NaN for a text).</summary>
    public double Number => _number;

    /// <summary>The text trials.json wrote.</summary>
    public string Text => _text ?? _number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value as a number when it is one (<see cref="Format.Parse"/> of its text).</summary>
    public double? Parsed => _text is null ? _number : Format.Parse(_text);

    /// <summary>Equal when their texts are: the same number (bit for bit, as its text is a function of them) or the same text.</summary>
    public bool Equals(ParameterValue other) =>
        _text is null ? other._text is null && BitConverter.DoubleToInt64Bits(_number) == BitConverter.DoubleToInt64Bits(other._number)
            : string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <summary>
    /// An order in which exactly the equal values tie (numbers by their bits, before texts, which go ordinally): what
    /// sorting trials by their values needs to bring equal ones together, not an order of magnitudes.
    /// </summary>
    public int OrderAgainst(ParameterValue other)
    {
        if (_text is null) return other._text is null ? BitConverter.DoubleToInt64Bits(_number).CompareTo(BitConverter.DoubleToInt64Bits(other._number)) : -1;
        return other._text is null ? 1 : string.CompareOrdinal(_text, other._text);
    }

    public override bool Equals(object? obj) => obj is ParameterValue other && Equals(other);

    public override int GetHashCode() => _text is null ? BitConverter.DoubleToInt64Bits(_number).GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => Text;
}

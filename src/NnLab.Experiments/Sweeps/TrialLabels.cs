using System.Globalization;
using NnLab.Experiments.Loading;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Names trials for people and file systems: <c>003-learning_rate=0.5,repeat=1</c>. Each axis is shown by its last
/// key and any index after it (<c>learning_rate</c>, <c>units</c>, <c>model[1]</c>), or its whole path when two axes share that key; numbers are shortened to
/// 4 significant digits (the exact values are in trials.json and summary.csv); anything but letters, digits and
/// <c>._-+=,[]</c> becomes '_', so a label is always one safe folder name.
/// </summary>
internal static class TrialLabels
{
    private const int MaxValuesLength = 80;

    /// <summary>The label names of <paramref name="axes"/>, in the same order.</summary>
    public static IReadOnlyList<string> ShortNames(IReadOnlyList<AxisSpec> axes)
    {
        var last = axes.Select(a => LastKey(a)).ToList();
        return axes.Select((a, i) => last.Count(n => n == last[i]) > 1 ? a.CanonicalPath : last[i]).ToList();
    }

    /// <summary>The last key with the indices after it: <c>learning_rate</c>, <c>model[1]</c>.</summary>
    private static string LastKey(AxisSpec axis)
    {
        int last = axis.Segments.Count - 1;
        while (axis.Segments[last].Key is null) last--;
        return string.Concat(axis.Segments.Skip(last).Select(s => s.ToString()));
    }

    /// <summary>The zero-padded number: three digits, more when the sweep has over a thousand trials.</summary>
    public static string Number(int index, int trialCount) =>
        index.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(3, (trialCount - 1).ToString(CultureInfo.InvariantCulture).Length), '0');

    public static string Label(int index, int trialCount, IEnumerable<(string Name, string Value)> parts)
    {
        string values = string.Join(",", parts.Select(p => $"{p.Name}={Shorten(p.Value)}"));
        if (values.Length > MaxValuesLength) values = values[..MaxValuesLength];
        return Safe($"{Number(index, trialCount)}-{values}");
    }

    private static string Shorten(string value) =>
        !ScalarText.IsInteger(value, out _) && ScalarText.ParseNumber(value, out double number) == NumberKind.Finite
            ? number.ToString("G4", CultureInfo.InvariantCulture).Replace("E", "e")
            : value;

    private static string Safe(string label) =>
        new(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '=' or ',' or '[' or ']' ? c : '_').ToArray());
}

using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>The outcome of reading a number from text.</summary>
internal enum NumberKind
{
    Finite,
    NonFinite,
    NotANumber,
}

/// <summary>
/// Interprets scalar text by the YAML 1.2 core schema (the numbers and booleans a person means when writing a
/// plain scalar), shared by the YAML binder and the CSV reader so both accept the same numbers.
/// </summary>
internal static partial class ScalarText
{
    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    // YAML's .inf/.nan forms, plus the spellings numpy and spreadsheets write into CSV files.
    [GeneratedRegex(@"^[-+]?(\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN|(?i:nan|inf|infinity))$")]
    private static partial Regex NonFinitePattern();

    /// <summary>An unquoted empty value, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && !IsQuoted(scalar) && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>True when the scalar is text whatever it says: quoted, a block scalar, or tagged <c>!!str</c>; a <c>!!int</c>-style tag reads even quoted text.</summary>
    public static bool IsQuoted(YamlScalarNode scalar) =>
        YamlParsing.IsStringTag(scalar.Tag.IsEmpty ? null : scalar.Tag.Value)
        || (!YamlParsing.IsTypedTag(scalar.Tag.IsEmpty ? null : scalar.Tag.Value)
            && scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded);

    public static NumberKind ParseNumber(string text, out double value)
    {
        value = 0;
        if (NonFinitePattern().IsMatch(text)) return NumberKind.NonFinite;
        if (!FloatPattern().IsMatch(text)) return NumberKind.NotANumber;
        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        // Overflow ("1e999") parses to infinity.
        return double.IsFinite(value) ? NumberKind.Finite : NumberKind.NonFinite;
    }

    /// <summary>True when <paramref name="text"/> is written as an integer; <paramref name="value"/> is null when it overflows a long.</summary>
    public static bool IsInteger(string text, out long? value)
    {
        value = null;
        if (!IntegerPattern().IsMatch(text)) return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) value = parsed;
        return true;
    }

    public static bool TryParseBool(string text, out bool value)
    {
        value = text is "true" or "True" or "TRUE";
        return value || text is "false" or "False" or "FALSE";
    }

    /// <summary>How a node is described after "got": <c>'abc'</c>, <c>a list</c>, <c>nothing</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "nothing",
        YamlScalarNode s when YamlParsing.IsStringTag(s.Tag.IsEmpty ? null : s.Tag.Value) => $"the string \"{s.Value}\" (tagged as a string)",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the quoted string \"{s.Value}\"",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an unsupported node",
    };
}

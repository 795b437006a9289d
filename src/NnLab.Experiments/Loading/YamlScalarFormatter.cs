using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NnLab.Experiments.Loading;

/// <summary>Writes option values as YAML flow text that the loader reads back to the same values.</summary>
internal static partial class YamlScalarFormatter
{
    // Safe unquoted in flow context and not mistaken for a number, boolean or null.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-/]*$")]
    private static partial Regex PlainString();

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "true", "false", "null", "yes", "no", "on", "off", "nan", "inf", "infinity" };

    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        // "R" is the shortest text that parses back to the same value; a lower-case exponent reads like numpy's (1e-07).
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
        float f => f.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
        string s => String(s),
        Enum e => SnakeCase.From(e.ToString()),
        double[] list => List(Each(list)),
        int[] list => List(Each(list)),
        double[][] rows => List(rows.Select(r => Format(r))),
        _ => throw new ArgumentException($"cannot write {value.GetType().Name} as YAML", nameof(value)),
    };

    public static string List(IEnumerable<string> items) => $"[{string.Join(", ", items)}]";

    // Each number's text, in a loop: a query over double or int is not in the precompiled code (compiled on every load).
    private static string[] Each<T>(T[] numbers) where T : struct
    {
        var texts = new string[numbers.Length];
        for (int i = 0; i < numbers.Length; i++) texts[i] = Format(numbers[i]);
        return texts;
    }

    public static string String(string text)
    {
        if (PlainString().IsMatch(text) && !Reserved.Contains(text)) return text;
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}

using System.Collections;
using System.Globalization;
using System.Text;

namespace NnLab.Runner.Logging;

/// <summary>
/// A run event's state as loggers read it: each named value, then the message template as <c>{OriginalFormat}</c>
/// (what Microsoft.Extensions.Logging's own state gives, so Serilog takes the template and the properties from it).
/// </summary>
internal sealed class RunEvent(string template, string[] names, object?[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string OriginalFormat = "{OriginalFormat}";

    /// <summary>The message with its values filled in, as Microsoft.Extensions.Logging formats one (for loggers that want text).</summary>
    public static readonly Func<RunEvent, Exception?, string> Format = (state, _) => state.ToString();

    public int Count => values.Length + 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == values.Length ? new(OriginalFormat, template)
        : (uint)index < (uint)values.Length ? new(names[index], values[index])
        : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Each <c>{Name}</c> of the template replaced by its value: invariant culture, null as "(null)", a list comma-separated.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(template.Length + 16);
        int next = 0;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            int close = c == '{' ? template.IndexOf('}', i) : -1;
            if (close < 0 || next >= values.Length)
            {
                text.Append(c);
                continue;
            }
            text.Append(Text(values[next++]));
            i = close;
        }
        return text.ToString();
    }

    private static string Text(object? value) => value switch
    {
        null => "(null)",
        string s => s,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Text)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

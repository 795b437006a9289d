using System.Globalization;
using System.Text;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Json;

namespace NnLab.Runner.Logging;

/// <summary>
/// log.jsonl's format: Serilog's compact JSON (CLEF), one event per line, as Serilog.Formatting.Compact writes it
/// (<c>@t</c> UTC timestamp, <c>@mt</c> message template, <c>@l</c> level when not Information, <c>@x</c> exception,
/// <c>@r</c> renderings, then every property by its own name, so "Epoch" and "Cost" read back as numbers), plus
/// <c>@m</c>, the message rendered for people (strings unquoted, numbers in the invariant culture), which CLEF tools
/// show as is. Property values are written by Serilog's JSON value formatter (doubles round-trip; NaN and ∞ become
/// strings); a property whose name starts with @ is written with @@, as CLEF escapes it.
/// </summary>
public sealed class JsonLinesFormatter : ITextFormatter
{
    private static readonly JsonValueFormatter Values = new(typeTagName: "$type");

    // The compact object and the message are put together in writers each thread reuses (a sweep writes two events a
    // trial): no writer, builder and copy of the line per event.
    [ThreadStatic]
    private static StringWriter? _clef;

    [ThreadStatic]
    private static StringWriter? _message;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var clef = Scratch(ref _clef);
        CompactJsonFormatter.FormatEvent(logEvent, clef, Values);
        var message = Scratch(ref _message);
        MessageRenderer.Render(logEvent, message);
        // The compact formatter writes one object starting "{" (and a newline after it); the rendered message goes
        // first inside it.
        output.Write("{\"@m\":");
        JsonValueFormatter.WriteQuotedJsonString(message.ToString(), output);
        output.Write(',');
        var line = clef.GetStringBuilder();
        int end = line.Length;
        while (end > 1 && char.IsWhiteSpace(line[end - 1])) end--;
        WriteRange(line, 1, end, output);
        output.Write('\n');
        // An event with a long stack trace does not keep its builders' size for the rest of the process.
        if (line.Capacity > 64 * 1024) _clef = null;
        if (message.GetStringBuilder().Capacity > 64 * 1024) _message = null;
    }

    private static StringWriter Scratch(ref StringWriter? writer)
    {
        writer ??= new StringWriter(new StringBuilder(256), CultureInfo.InvariantCulture);
        writer.GetStringBuilder().Clear();
        return writer;
    }

    /// <summary>Characters [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/>, chunk by chunk.</summary>
    private static void WriteRange(StringBuilder text, int start, int end, TextWriter output)
    {
        int at = 0;
        foreach (var chunk in text.GetChunks())
        {
            int from = Math.Max(start - at, 0), to = Math.Min(end - at, chunk.Length);
            if (from < to) output.Write(chunk.Span[from..to]);
            at += chunk.Length;
            if (at >= end) break;
        }
    }
}

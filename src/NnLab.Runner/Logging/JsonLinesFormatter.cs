using System.Globalization;
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

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var clef = new StringWriter(CultureInfo.InvariantCulture);
        CompactJsonFormatter.FormatEvent(logEvent, clef, Values);
        string line = clef.ToString();
        // The compact formatter writes one object starting "{"; the rendered message goes first inside it.
        output.Write("{\"@m\":");
        JsonValueFormatter.WriteQuotedJsonString(MessageRenderer.Render(logEvent), output);
        output.Write(',');
        output.Write(line.AsSpan(1).TrimEnd());
        output.Write('\n');
    }
}

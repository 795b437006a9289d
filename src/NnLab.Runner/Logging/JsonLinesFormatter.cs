using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Json;

namespace NnLab.Runner.Logging;

/// <summary>
/// One JSON object per line: timestamp (UTC, ISO 8601), level, the rendered message, the exception if any, and
/// every event property as its own field, so "Epoch" and "Cost" can be read back as numbers.
/// Property values are written by Serilog's JSON value formatter (doubles round-trip; NaN and ∞ become strings).
/// </summary>
public sealed class JsonLinesFormatter : ITextFormatter
{
    private static readonly HashSet<string> FixedFields = ["timestamp", "level", "message", "exception"];
    private static readonly JsonValueFormatter Values = new(typeTagName: null);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write('{');
        WriteField(output, "timestamp", logEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), first: true);
        WriteField(output, "level", logEvent.Level.ToString());
        WriteField(output, "message", MessageRenderer.Render(logEvent));
        if (logEvent.Exception is not null) WriteField(output, "exception", logEvent.Exception.ToString());
        foreach (var (name, value) in logEvent.Properties)
        {
            output.Write(',');
            // A property called "message" must not produce a duplicate key.
            JsonValueFormatter.WriteQuotedJsonString(FixedFields.Contains(name) ? "_" + name : name, output);
            output.Write(':');
            Values.Format(value, output);
        }
        output.Write("}\n");
    }

    private static void WriteField(TextWriter output, string name, string value, bool first = false)
    {
        if (!first) output.Write(',');
        JsonValueFormatter.WriteQuotedJsonString(name, output);
        output.Write(':');
        JsonValueFormatter.WriteQuotedJsonString(value, output);
    }
}

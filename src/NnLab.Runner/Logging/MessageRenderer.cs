using System.Globalization;
using Serilog.Events;
using Serilog.Parsing;

namespace NnLab.Runner.Logging;

/// <summary>
/// Renders a log event's message for people: like Serilog's ":l" format, string values appear without quotes
/// ("Running xor", not "Running \"xor\""); numbers use the invariant culture.
/// </summary>
public static class MessageRenderer
{
    public static string Render(LogEvent logEvent)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
                output.Write(text);
            else
                token.Render(logEvent.Properties, output, CultureInfo.InvariantCulture);
        }
        return output.ToString();
    }
}

using System.Text.Json;
using NnLab.Runner.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace NnLab.Runner.Tests;

/// <summary>log.jsonl is Serilog's compact JSON (CLEF) with the rendered message as <c>@m</c>.</summary>
public sealed class JsonLinesFormatterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 13, 18, 0, TimeSpan.FromHours(1));

    private static JsonElement Format(string template, Exception? exception, LogEventLevel level, params LogEventProperty[] properties)
    {
        var logEvent = new LogEvent(At, level, exception, new MessageTemplateParser().Parse(template), properties);
        var output = new StringWriter();
        new JsonLinesFormatter().Format(logEvent, output);
        string line = output.ToString();
        Assert.EndsWith("}\n", line);
        Assert.DoesNotContain('\n', line[..^1]);
        return JsonDocument.Parse(line).RootElement;
    }

    [Fact]
    public void Writes_the_clef_fields_and_every_property_as_a_typed_field()
    {
        var json = Format("Epoch {Epoch} cost {Cost} of {Name}", null, LogEventLevel.Warning,
            new LogEventProperty("Epoch", new ScalarValue(4900)),
            new LogEventProperty("Cost", new ScalarValue(0.0009210166430616655)),
            new LogEventProperty("Name", new ScalarValue("xor \"1\"")));

        Assert.Equal(At.UtcDateTime, json.GetProperty("@t").GetDateTimeOffset().UtcDateTime);
        Assert.Equal("Warning", json.GetProperty("@l").GetString());
        Assert.Equal("Epoch {Epoch} cost {Cost} of {Name}", json.GetProperty("@mt").GetString());
        Assert.Equal("Epoch 4900 cost 0.0009210166430616655 of xor \"1\"", json.GetProperty("@m").GetString());
        Assert.Equal(4900, json.GetProperty("Epoch").GetInt32());
        Assert.Equal(0.0009210166430616655, json.GetProperty("Cost").GetDouble());
        Assert.Equal("xor \"1\"", json.GetProperty("Name").GetString());
        Assert.False(json.TryGetProperty("@x", out _));
    }

    [Fact]
    public void Information_has_no_level_field_as_clef_says()
    {
        var json = Format("Started", null, LogEventLevel.Information);
        Assert.False(json.TryGetProperty("@l", out _));
        Assert.Equal("Information", LogEvents.Level(json));
    }

    [Fact]
    public void Non_finite_numbers_and_clashing_names_still_make_valid_json()
    {
        var json = Format("{@m}", new InvalidOperationException("boom"), LogEventLevel.Error,
            new LogEventProperty("@m", new ScalarValue("mine")),
            new LogEventProperty("Cost", new ScalarValue(double.NaN)));

        Assert.Equal("mine", json.GetProperty("@@m").GetString());
        Assert.Equal("NaN", json.GetProperty("Cost").GetString());
        Assert.Contains("boom", json.GetProperty("@x").GetString());
    }
}

/// <summary>Reading CLEF events back: the level (absent means Information), the rendered message, the exception.</summary>
internal static class LogEvents
{
    public static string Level(JsonElement e) => e.TryGetProperty("@l", out var level) ? level.GetString()! : "Information";

    public static string Message(JsonElement e) => e.GetProperty("@m").GetString()!;

    public static string Exception(JsonElement e) => e.GetProperty("@x").GetString()!;
}

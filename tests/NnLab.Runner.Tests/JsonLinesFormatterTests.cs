using System.Text.Json;
using NnLab.Runner.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace NnLab.Runner.Tests;

public sealed class JsonLinesFormatterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 13, 18, 0, TimeSpan.FromHours(1));

    private static JsonElement Format(string template, Exception? exception, params LogEventProperty[] properties)
    {
        var logEvent = new LogEvent(At, LogEventLevel.Warning, exception, new MessageTemplateParser().Parse(template), properties);
        var output = new StringWriter();
        new JsonLinesFormatter().Format(logEvent, output);
        string line = output.ToString();
        Assert.EndsWith("}\n", line);
        Assert.DoesNotContain('\n', line[..^1]);
        return JsonDocument.Parse(line).RootElement;
    }

    [Fact]
    public void Writes_fixed_fields_and_every_property_as_a_typed_field()
    {
        var json = Format("Epoch {Epoch} cost {Cost} of {Name}", null,
            new LogEventProperty("Epoch", new ScalarValue(4900)),
            new LogEventProperty("Cost", new ScalarValue(0.0009210166430616655)),
            new LogEventProperty("Name", new ScalarValue("xor \"1\"")));

        Assert.Equal("2026-11-22T12:18:00.0000000Z", json.GetProperty("timestamp").GetString());
        Assert.Equal("Warning", json.GetProperty("level").GetString());
        Assert.Equal("Epoch 4900 cost 0.0009210166430616655 of xor \"1\"", json.GetProperty("message").GetString());
        Assert.Equal(4900, json.GetProperty("Epoch").GetInt32());
        Assert.Equal(0.0009210166430616655, json.GetProperty("Cost").GetDouble());
        Assert.Equal("xor \"1\"", json.GetProperty("Name").GetString());
        Assert.False(json.TryGetProperty("exception", out _));
    }

    [Fact]
    public void Non_finite_numbers_and_clashing_names_still_make_valid_json()
    {
        var json = Format("{message}", new InvalidOperationException("boom"),
            new LogEventProperty("message", new ScalarValue("mine")),
            new LogEventProperty("Cost", new ScalarValue(double.NaN)));

        Assert.Equal("mine", json.GetProperty("_message").GetString());
        Assert.Equal("NaN", json.GetProperty("Cost").GetString());
        Assert.Contains("boom", json.GetProperty("exception").GetString());
    }
}

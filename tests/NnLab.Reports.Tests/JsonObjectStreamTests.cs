using System.Text;
using System.Text.Json;
using NnLab.Reports.Data;

namespace NnLab.Reports.Tests;

/// <summary>trials.json read trial by trial: the same values as parsing the file whole, whatever the buffer boundaries.</summary>
public sealed class JsonObjectStreamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nnlab-reports-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reads_every_property_and_element_as_parsing_the_whole_file_does_across_buffer_boundaries_and_an_element_larger_than_the_buffer()
    {
        var text = new StringBuilder("{\"name\": \"s\", \"repeats\": 3, \"parameter_names\": [\"a\", \"b\"], \"trials\": [\n");
        for (int i = 0; i < 3000; i++)
        {
            // Trial 1234 holds a 200 KB reason: more than three times the 64 KB buffer.
            string reason = i == 1234 ? new string('r', 200_000) : $"reason \\\"{i}\\\" é";
            text.Append(i == 0 ? "" : ",\n").Append($"  {{\"index\": {i}, \"reason\": \"{reason}\", \"cost\": {i}.5e-3, \"nested\": {{\"x\": [1, 2, {{\"y\": null}}]}}}}");
        }
        text.Append("\n], \"status\": \"completed\"}\n");
        string path = Path.Combine(_dir, "trials.json");
        File.WriteAllText(path, text.ToString());

        var properties = new List<string>();
        var elements = new List<string>();
        JsonObjectStream.Read(path, "trials", (name, value) => properties.Add($"{name}={value.GetRawText()}"), e => elements.Add(e.GetRawText()));

        using var whole = JsonDocument.Parse(text.ToString());
        Assert.Equal(["name=\"s\"", "repeats=3", "parameter_names=[\"a\", \"b\"]", "status=\"completed\""], properties);
        Assert.Equal(whole.RootElement.GetProperty("trials").EnumerateArray().Select(e => e.GetRawText()), elements);
        Assert.Equal(200_000, JsonDocument.Parse(elements[1234]).RootElement.GetProperty("reason").GetString()!.Length);
    }

    [Theory]
    [InlineData("{\"trials\": [{\"index\": 0}, {\"index\": 1")]
    [InlineData("{\"name\": \"s\", \"trials\": [")]
    [InlineData("[1, 2]")]
    public void A_torn_or_foreign_file_is_a_json_error(string content)
    {
        string path = Path.Combine(_dir, "trials.json");
        File.WriteAllText(path, content);
        Assert.ThrowsAny<JsonException>(() => JsonObjectStream.Read(path, "trials", (_, _) => { }, _ => { }));
    }
}

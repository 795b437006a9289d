using System.Text;
using System.Text.Json;
using NnLab.Runner.Output;

namespace NnLab.Runner.Tests;

/// <summary>
/// summary.json and weights.json are written field by field; these hold them byte for byte equal to what the
/// serializer writes for the same records with the run files' options, for the awkward values too.
/// </summary>
public sealed class RunJsonDocumentTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<RunSummary> Summaries() => new()
    {
        new RunSummary(RunStatus.Completed, null, "xor", 48, 5000, 5000, 0.0008924103816455734, 0.0008926880678235157, 1,
            0.0821193, "0.1.0+abc", "reference", "float64", 4, [], "runs/xor/20261122T161929Z", new DateTime(2026, 11, 22, 16, 19, 29, 123, DateTimeKind.Utc)),
        new RunSummary(RunStatus.Diverged, "cost NaN at epoch 3", "wide \"net\" + ünïcode <b>&", 0, 10, 3, double.NaN,
            double.PositiveInfinity, null, 1e-7, "0.1.0", "fast", "float32", 128, ["training.epochs=10", "optimizer.learning_rate=1e+300"],
            "/tmp/out\\dir", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1)),
        new RunSummary(RunStatus.Failed, "line one\nline two\ttab", "x", uint.MaxValue, int.MaxValue, 0, null, double.NegativeInfinity,
            null, 0, "", "reference", "float64", 1, ["a=b"], "", DateTime.UnixEpoch),
        new RunSummary(RunStatus.Cancelled, null, "c", 1, 2, 1, -0.0, 1.7976931348623157E+308, 0.5, 123.456, "v", "k", "float32", 2, [], "r",
            new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc)),
    };

    [Theory]
    [MemberData(nameof(Summaries))]
    public void Summary_json_is_what_the_serializer_writes(RunSummary summary)
    {
        string path = _dir.Combine("summary.json");

        SummaryJson.Write(path, summary);

        Assert.Equal(JsonSerializer.Serialize(summary, RunJson.Options) + "\n", File.ReadAllText(path, Encoding.UTF8));
    }

    [Fact]
    public void Weights_json_is_what_the_serializer_writes()
    {
        var w = new[] { new[] { -0.7071, 0.75 }, new[] { double.NaN, 1e-300 }, new[] { double.PositiveInfinity, double.NegativeInfinity } };
        var b = new[] { new[] { 0.0 }, new[] { -0.0 }, new[] { 3.0 } };
        var document = new WeightsJson.Document(
        [
            new WeightsJson.LayerWeights(0, "linear", new Dictionary<string, double[][]> { ["W"] = w, ["b"] = b },
                new Dictionary<string, double[][]> { ["W"] = b, ["b"] = w }),
            new WeightsJson.LayerWeights(1, "sigmoid", new Dictionary<string, double[][]>(), new Dictionary<string, double[][]>()),
            new WeightsJson.LayerWeights(2, "plugin \"ünï\"", new Dictionary<string, double[][]> { ["γ+"] = [], ["e"] = [[]] },
                new Dictionary<string, double[][]> { ["γ+"] = [], ["e"] = [[]] }),
        ]);
        using var written = new MemoryStream();

        using (var writer = RunJson.CreateWriter(written)) WeightsJson.WriteTo(writer, document);

        Assert.Equal(JsonSerializer.Serialize(document, RunJson.Options), Encoding.UTF8.GetString(written.ToArray()));
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NnLab.Runner.IO;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Output;

/// <summary>
/// How weights.json and summary.json are written: snake_case names, indented, doubles in shortest round-trip
/// form (matrices one row per line), and NaN/Infinity (a diverged run) as the strings "NaN"/"Infinity" rather than an exception.
/// </summary>
internal static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // These files are read by people and scripts, never embedded in HTML: keep '+' and non-ASCII as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new MatrixRowsJsonConverter() },
        // The documents' shapes come from compile-time metadata: reflecting over them (and emitting accessors) at
        // run time cost tens of milliseconds of every run's start-up. Anything else still serializes by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RunJsonMetadata.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static void Write<T>(string path, T value) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");
}

/// <summary>
/// Generated metadata for the documents the run and sweep folders hold. Naming, number handling, the enum and
/// matrix converters and the encoder still come from <see cref="RunJson.Options"/>, which uses it.
/// </summary>
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(WeightsJson.Document))]
[JsonSerializable(typeof(SweepManifest))]
internal sealed partial class RunJsonMetadata : JsonSerializerContext;

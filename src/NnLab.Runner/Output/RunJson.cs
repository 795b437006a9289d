using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NnLab.Runner.IO;

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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new MatrixRowsJsonConverter<double>(),
            new MatrixRowsJsonConverter<float>() },
    };

    public static void Write<T>(string path, T value) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NnLab.Runner.IO;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Output;

/// <summary>
/// How weights.json, summary.json and trials.json are written: snake_case names, indented, doubles in shortest
/// round-trip form (matrices one row per line), and NaN/Infinity (a diverged run) as the strings "NaN"/"Infinity"
/// rather than an exception. weights.json and summary.json, written by every run, are written field by field in
/// exactly this form (<see cref="WriteDocument"/>; tests hold them equal to the serializer's output): the
/// serializer's first use costs a short run tens of milliseconds of JIT compilation.
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
        // run time costs tens of milliseconds. Anything else still serializes by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RunJsonMetadata.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static void Write<T>(string path, T value) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");

    /// <summary>Writes a document through <paramref name="write"/>, laid out as <see cref="Write{T}"/> lays it out.</summary>
    public static void WriteDocument(string path, Action<Utf8JsonWriter> write) =>
        AtomicFile.Write(path, stream =>
        {
            using (var writer = CreateWriter(stream)) write(writer);
            stream.WriteByte((byte)'\n');
        });

    /// <summary>A writer with the options' layout and escaping.</summary>
    public static Utf8JsonWriter CreateWriter(Stream stream) => new(stream, new JsonWriterOptions
    {
        Indented = Options.WriteIndented,
        IndentCharacter = Options.IndentCharacter,
        IndentSize = Options.IndentSize,
        NewLine = Options.NewLine,
        Encoder = Options.Encoder,
    });

    /// <summary>A number as the options write it: NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity".</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is not { } number) writer.WriteNull(name);
        else if (double.IsNaN(number)) writer.WriteString(name, "NaN");
        else if (double.IsPositiveInfinity(number)) writer.WriteString(name, "Infinity");
        else if (double.IsNegativeInfinity(number)) writer.WriteString(name, "-Infinity");
        else writer.WriteNumber(name, number);
    }

    /// <summary>An enum value as the options write it (snake_case).</summary>
    public static string EnumText<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>
/// Generated metadata for trials.json, which a sweep rewrites as trials start and end and reads back to resume.
/// Naming, number handling, the enum and matrix converters and the encoder still come from
/// <see cref="RunJson.Options"/>, which uses it.
/// </summary>
[JsonSerializable(typeof(SweepManifest))]
[JsonSerializable(typeof(TrialEvent))]
internal sealed partial class RunJsonMetadata : JsonSerializerContext;

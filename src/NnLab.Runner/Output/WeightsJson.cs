using System.Text.Json;
using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Runner.Output;

/// <summary>
/// weights.json: each layer's parameters (W, b: lists of rows) as initialised and after training. The records are
/// the document's shape; it is written field by field, byte for byte what the serializer writes for them with
/// <see cref="RunJson.Options"/> (a test holds the two equal).
/// </summary>
internal static class WeightsJson
{
    public sealed record Document(IReadOnlyList<LayerWeights> Layers);

    public sealed record LayerWeights(
        int Index,
        string Type,
        IReadOnlyDictionary<string, double[][]> Initial,
        IReadOnlyDictionary<string, double[][]> Final);

    public static void Write(string path, IReadOnlyList<ComponentSpec> model,
        IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> initial, IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> final, Precision precision)
    {
        var layers = model.Select((spec, i) => new LayerWeights(i, spec.Name, Rows(initial[i]), Rows(final[i]))).ToList();
        var document = new Document(layers);
        RunJson.WriteDocument(path, writer => WriteTo(writer, document, precision));
    }

    /// <summary>Writes the document; a float32 run's values are floats (widened exactly) and are written as floats.</summary>
    internal static void WriteTo(Utf8JsonWriter writer, Document document, Precision precision = Precision.Float64)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("layers");
        foreach (var layer in document.Layers)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", layer.Index);
            writer.WriteString("type", layer.Type);
            WriteParameters(writer, "initial", layer.Initial, precision);
            WriteParameters(writer, "final", layer.Final, precision);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Parameter names are dictionary keys, which the naming policy leaves as they are ("W", "b").
    private static void WriteParameters(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, double[][]> parameters,
        Precision precision)
    {
        writer.WriteStartObject(name);
        foreach (var (key, rows) in parameters)
        {
            writer.WritePropertyName(key);
            MatrixRowsJsonConverter.WriteRows(writer, rows, RunJson.Options, precision);
        }
        writer.WriteEndObject();
    }

    private static IReadOnlyDictionary<string, double[][]> Rows(IReadOnlyDictionary<string, Matrix<double>> parameters) =>
        parameters.ToDictionary(p => p.Key, p => p.Value.ToRows());
}

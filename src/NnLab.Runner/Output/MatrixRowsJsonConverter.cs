using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NnLab.Numerics;

namespace NnLab.Runner.Output;

/// <summary>
/// Writes a matrix as a list of rows with each row on one line, so an indented weights.json reads like the matrix
/// ("[-0.70, -0.75]") instead of one number per line. Numbers use the shortest round-trip form (of a float, for a float32 run); NaN and ±∞
/// (a diverged run) are written as strings, as the serializer options do elsewhere.
/// </summary>
internal sealed class MatrixRowsJsonConverter : JsonConverter<double[][]>
{
    public override double[][] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("weights.json is written by NnLab, not read back through this converter.");

    public override void Write(Utf8JsonWriter writer, double[][] rows, JsonSerializerOptions options) =>
        WriteRows(writer, rows, options);

    /// <summary>What <see cref="Write"/> writes, for documents written field by field (weights.json).</summary>
    public static void WriteRows(Utf8JsonWriter writer, double[][] rows, JsonSerializerOptions options,
        Precision precision = Precision.Float64)
    {
        // The whole matrix goes out as one raw value, so the indentation the writer would add is added here.
        string inner = Indent(options, writer.CurrentDepth + 1), outer = Indent(options, writer.CurrentDepth);
        var text = new StringBuilder("[");
        for (int r = 0; r < rows.Length; r++)
        {
            text.Append(r == 0 ? "\n" : ",\n").Append(inner).Append('[');
            for (int i = 0; i < rows[r].Length; i++)
            {
                if (i > 0) text.Append(", ");
                AppendNumber(text, rows[r][i], precision);
            }
            text.Append(']');
        }
        text.Append(rows.Length == 0 ? "]" : "\n" + outer + "]");
        writer.WriteRawValue(text.ToString(), skipInputValidation: true);
    }

    private static string Indent(JsonSerializerOptions options, int depth) =>
        options.WriteIndented ? new string(options.IndentCharacter, options.IndentSize * depth) : "";

    private static void AppendNumber(StringBuilder text, double value, Precision precision)
    {
        string number = Csv.Number(value, precision);
        if (double.IsFinite(value)) text.Append(number);
        else text.Append('"').Append(number).Append('"');
    }
}

using NnLab.Numerics;
using System.Globalization;

namespace NnLab.Runner.Output;

/// <summary>The little CSV the run files need: invariant round-trip numbers and quoted names when necessary.</summary>
internal static class Csv
{
    /// <summary>"R" round-trip formatting: parsing the text gives back the exact double.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The shortest text that reads back as the run's value: a float32 run's numbers are floats (widened exactly to
    /// double on the way out), so they are written as floats, "0.1" rather than "0.10000000149011612".
    /// </summary>
    public static string Number(double value, Precision precision) =>
        precision == Precision.Float32 ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : Number(value);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Names come from the YAML file and may contain commas or quotes.</summary>
    public static string Text(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    public static void WriteRow(TextWriter writer, IEnumerable<string> fields) => writer.WriteLine(string.Join(',', fields));
}

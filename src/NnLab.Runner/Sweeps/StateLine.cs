using System.Text.Json;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>Whether a state line has a cost curve, and whether any of its points has a validation cost.</summary>
internal enum CurveShape
{
    None,
    Costs,
    WithValidation,
}

/// <summary>
/// Reads a state line (a <see cref="TrialEvent"/> as <see cref="StateLog"/> writes it) without the serializer. A merge
/// reads every line once, then every final line's curve again for the summaries; the serializer's converters, a list
/// and an array per curve point, took a third of a 10,000-trial sweep's merge. This reads what the serializer reads,
/// as it reads it: snake_case names in any order, unknown names skipped, the last of a repeated name, NaN and
/// ±Infinity as strings, statuses by name or number. A line it cannot read (torn by a kill, not JSON, a value of the
/// wrong type) is null, as the serializer's exception made it before. Tests hold the two to the same results.
/// </summary>
internal static class StateLine
{
    /// <summary>The event on <paramref name="line"/> without its curve (<see cref="TrialEvent.Curve"/> is null: see <paramref name="curve"/>).</summary>
    public static TrialEvent? Read(ReadOnlySpan<byte> line, out CurveShape curve) => Read(line, null, out curve);

    /// <summary>The curve on <paramref name="line"/> as cost records (points with fewer than two numbers left out); null when the line cannot be read.</summary>
    public static List<CostRecord>? ReadCurve(ReadOnlySpan<byte> line)
    {
        var points = new List<CostRecord>();
        return Read(line, points, out _) is null ? null : points;
    }

    private static TrialEvent? Read(ReadOnlySpan<byte> line, List<CostRecord>? points, out CurveShape curve)
    {
        curve = CurveShape.None;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            int trial = 0;
            string? id = null, worker = null, reason = null;
            TrialStatus status = default;
            DateTime utc = default;
            DateTime? startedUtc = null, finishedUtc = null;
            double? finalCost = null, accuracy = null, validationCost = null, bestValidationCost = null, validationAccuracy = null;
            double? testCost = null, testAccuracy = null, wallTimeSeconds = null;
            int? epochsCompleted = null, exitCode = null, resumedFromEpoch = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader;
                reader.Read();
                if (name.ValueTextEquals("trial"u8)) trial = reader.GetInt32();
                else if (name.ValueTextEquals("id"u8)) id = reader.GetString();
                else if (name.ValueTextEquals("status"u8)) status = Status(ref reader);
                else if (name.ValueTextEquals("utc"u8)) utc = reader.GetDateTime();
                else if (name.ValueTextEquals("worker"u8)) worker = reader.GetString();
                else if (name.ValueTextEquals("reason"u8)) reason = reader.GetString();
                else if (name.ValueTextEquals("final_cost"u8)) finalCost = NullableNumber(ref reader);
                else if (name.ValueTextEquals("accuracy"u8)) accuracy = NullableNumber(ref reader);
                else if (name.ValueTextEquals("validation_cost"u8)) validationCost = NullableNumber(ref reader);
                else if (name.ValueTextEquals("best_validation_cost"u8)) bestValidationCost = NullableNumber(ref reader);
                else if (name.ValueTextEquals("validation_accuracy"u8)) validationAccuracy = NullableNumber(ref reader);
                else if (name.ValueTextEquals("test_cost"u8)) testCost = NullableNumber(ref reader);
                else if (name.ValueTextEquals("test_accuracy"u8)) testAccuracy = NullableNumber(ref reader);
                else if (name.ValueTextEquals("epochs_completed"u8)) epochsCompleted = NullableInt(ref reader);
                else if (name.ValueTextEquals("wall_time_seconds"u8)) wallTimeSeconds = NullableNumber(ref reader);
                else if (name.ValueTextEquals("started_utc"u8)) startedUtc = NullableTime(ref reader);
                else if (name.ValueTextEquals("finished_utc"u8)) finishedUtc = NullableTime(ref reader);
                else if (name.ValueTextEquals("exit_code"u8)) exitCode = NullableInt(ref reader);
                else if (name.ValueTextEquals("resumed_from_epoch"u8)) resumedFromEpoch = NullableInt(ref reader);
                else if (name.ValueTextEquals("curve"u8)) curve = Curve(ref reader, points);
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
            return new TrialEvent(trial, id!, status, utc, worker!, reason, finalCost, accuracy, validationCost, bestValidationCost,
                validationAccuracy, testCost, testAccuracy, epochsCompleted, wallTimeSeconds, startedUtc, finishedUtc, exitCode,
                resumedFromEpoch);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The curve's points into <paramref name="points"/> (null: only read), after a repeated "curve" replaced the earlier one.</summary>
    private static CurveShape Curve(ref Utf8JsonReader reader, List<CostRecord>? points)
    {
        points?.Clear();
        if (reader.TokenType == JsonTokenType.Null) return CurveShape.None;
        Expect(reader.TokenType == JsonTokenType.StartArray);
        var shape = CurveShape.Costs;
        Span<double> point = stackalloc double[3];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(reader.TokenType == JsonTokenType.StartArray);
            int length = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // Only read (a merge reading every line), a number's syntax is the reader's check: converting a
                // million of them was most of the merge's reading.
                if (points is null) Expect(reader.TokenType is JsonTokenType.Number || IsNamedLiteral(ref reader));
                else if (length < point.Length) point[length] = Number(ref reader);
                else Number(ref reader);
                length++;
            }
            if (length > 2) shape = CurveShape.WithValidation;
            if (length >= 2) points?.Add(new CostRecord((int)point[0], point[1]) { ValidationCost = length > 2 ? point[2] : null });
        }
        return shape;
    }

    private static double? NullableNumber(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : Number(ref reader);

    private static DateTime? NullableTime(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTime();

    private static int? NullableInt(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();

    /// <summary>A number, or one of the strings the options allow for the named literals.</summary>
    private static double Number(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.GetDouble();
        Expect(reader.TokenType == JsonTokenType.String);
        return reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException("not a number"),
        };
    }

    private static bool IsNamedLiteral(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
        && (reader.ValueTextEquals("NaN"u8) || reader.ValueTextEquals("Infinity"u8) || reader.ValueTextEquals("-Infinity"u8));

    private static TrialStatus Status(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number) return (TrialStatus)reader.GetInt32();
        string text = reader.GetString() ?? throw new FormatException("no status");
        foreach (var (status, name) in StatusNames)
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) return status;
        throw new FormatException($"unknown status '{text}'");
    }

    private static readonly (TrialStatus Status, string Name)[] StatusNames =
        [.. Enum.GetValues<TrialStatus>().Select(s => (s, JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())))];

    private static void Expect(bool condition)
    {
        if (!condition) throw new FormatException("unexpected token");
    }
}

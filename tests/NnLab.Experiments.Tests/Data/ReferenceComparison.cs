using System.Text.Json;
using NnLab.Experiments.Data;

namespace NnLab.Experiments.Tests.Data;

/// <summary>Compares generated points with a reference's <c>{"rows": [[...]], "labels": [...]}</c>.</summary>
internal static class ReferenceComparison
{
    /// <summary>
    /// Labels exactly, every value within <paramref name="tolerance"/> (absolute); returns how many values are not
    /// bit for bit equal (for the test log).
    /// </summary>
    public static int AssertMatches(JsonElement expected, LabeledPoints actual, double tolerance, string what)
    {
        var labels = expected.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(labels, actual.Labels);
        var rows = expected.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, actual.Rows.Length);
        int notIdentical = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var values = rows[i].EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(values.Length, actual.Rows[i].Length);
            for (int j = 0; j < values.Length; j++)
            {
                double difference = Math.Abs(values[j] - actual.Rows[i][j]);
                Assert.True(difference <= tolerance,
                    $"{what}: row {i} column {j}: expected {values[j]:R}, got {actual.Rows[i][j]:R} (difference {difference:R})");
                if (BitConverter.DoubleToInt64Bits(values[j]) != BitConverter.DoubleToInt64Bits(actual.Rows[i][j])) notIdentical++;
            }
        }
        return notIdentical;
    }
}

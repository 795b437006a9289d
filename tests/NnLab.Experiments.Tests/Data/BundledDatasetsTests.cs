using System.Globalization;
using NnLab.Experiments.Data;

namespace NnLab.Experiments.Tests.Data;

public class BundledDatasetsTests
{
    [Fact]
    public void Names_are_iris_and_digits() => Assert.Equal(["iris", "digits"], BundledDatasets.Names);

    [Fact]
    public void Iris_has_150_rows_50_per_species_and_sklearns_values()
    {
        var (header, rows) = Parse(BundledDatasets.ReadCsv("iris"));
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], header);
        Assert.Equal(150, rows.Length);
        Assert.All(rows, row => Assert.Equal(5, row.Length));
        Assert.Equal(
            new Dictionary<string, int> { ["setosa"] = 50, ["versicolor"] = 50, ["virginica"] = 50 },
            rows.GroupBy(r => r[4]).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(["5.1", "3.5", "1.4", "0.2", "setosa"], rows[0]);
        Assert.Equal([4.9, 3.0, 1.4, 0.2], rows[1][..4].Select(Number));
        Assert.Equal(["5.9", "3.0", "5.1", "1.8", "virginica"], rows[^1]);
        // Fisher's values (scikit-learn's and R's copy), where the UCI file has 4.9,3.1,1.5,0.1 and 4.9,3.1,1.5,0.1.
        Assert.Equal(["4.9", "3.1", "1.5", "0.2", "setosa"], rows[34]);
        Assert.Equal(["4.9", "3.6", "1.4", "0.1", "setosa"], rows[37]);
    }

    [Fact]
    public void Digits_has_1797_rows_of_64_pixels_from_0_to_16_and_a_digit()
    {
        var (header, rows) = Parse(BundledDatasets.ReadCsv("digits"));
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"p{i}").Append("digit"), header);
        Assert.Equal(1797, rows.Length);
        Assert.All(rows, row =>
        {
            Assert.Equal(65, row.Length);
            Assert.All(row[..64], v => Assert.InRange(int.Parse(v, CultureInfo.InvariantCulture), 0, 16));
            Assert.InRange(int.Parse(row[64], CultureInfo.InvariantCulture), 0, 9);
        });
        Assert.Equal(
            [
                0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
                0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0, 0,
            ],
            rows[0].Select(v => int.Parse(v, CultureInfo.InvariantCulture)));
        // load_digits(): 178 zeros, 182 ones, ..., 180 nines.
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
            Enumerable.Range(0, 10).Select(d => rows.Count(r => r[64] == d.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Names_are_matched_ignoring_case()
    {
        Assert.Equal(BundledDatasets.ReadCsv("iris"), BundledDatasets.ReadCsv("IRIS"));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => BundledDatasets.ReadCsv("mnist"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("'mnist'", error.Message);
        Assert.Contains("iris, digits", error.Message);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static (string[] Header, string[][] Rows) Parse(string csv)
    {
        Assert.EndsWith("\n", csv);
        Assert.DoesNotContain("\r", csv);
        var lines = csv.TrimEnd('\n').Split('\n');
        return (lines[0].Split(','), lines[1..].Select(l => l.Split(',')).ToArray());
    }
}

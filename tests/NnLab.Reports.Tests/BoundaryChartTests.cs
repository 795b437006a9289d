using System.Text.RegularExpressions;
using NnLab.Reports.Charts.Svg;
using NnLab.Reports.Runs;

namespace NnLab.Reports.Tests;

/// <summary>The decision boundary's SVG: the grid in bands drawn as row runs, the edge between predicted classes, the points.</summary>
public sealed partial class BoundaryChartTests
{
    [Fact]
    public void Outputs_fall_in_bands_of_a_twentieth()
    {
        Assert.Equal(0, BoundaryChart.Band(0, isClass: false));
        Assert.Equal(9, BoundaryChart.Band(0.4999, isClass: false));
        Assert.Equal(10, BoundaryChart.Band(0.5, isClass: false));
        Assert.Equal(19, BoundaryChart.Band(1, isClass: false));
        Assert.Equal(19, BoundaryChart.Band(1.3, isClass: false)); // a linear output past 1
        Assert.Equal(0, BoundaryChart.Band(-0.2, isClass: false));
        Assert.Equal(-1, BoundaryChart.Band(double.NaN, isClass: false));
        Assert.Equal(2, BoundaryChart.Band(2, isClass: true));
    }

    [Fact]
    public void A_grid_of_two_halves_is_one_run_per_half_per_row_and_one_vertical_edge()
    {
        // 4 × 4: the left half low (0.2), the right half high (0.8), one cell without a value.
        var values = new double[4, 4];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) values[r, c] = c < 2 ? 0.2 : 0.8;
        values[3, 0] = double.NaN;
        var boundary = new DecisionBoundary("x1", "x2", [0, 1], [0, 1], values, DecisionBoundary.NetworkOutput,
            [new ClassPoints(0, "class 0", [0.1], [0.1]), new ClassPoints(1, "class 1", [0.9, 0.8], [0.9, 0.2])], ["class 0", "class 1"], 0.5);

        string svg = BoundaryChart.Draw(boundary, 640, 540);

        var shading = Shading().Match(svg).Value;
        var paths = Fill().Matches(shading).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, paths.Count); // band 4 (0.2), band 16 (0.8), no value; rectangles: a run per half per row, the NaN apart
        Assert.Equal([4, 4, 1], Fill().Matches(shading).Select(m => Regex.Matches(m.Groups[2].Value, "M").Count));
        // The class edge: between columns 1 and 2 in each of the 4 rows; the NaN cell is a side of its own (2 more).
        Assert.Contains("class=\"class-edges\" data-segments=\"6\"", svg);
        Assert.Equal(3, Regex.Matches(svg, "<circle [^>]*r=\"5.5\"").Count);
        Assert.Contains(">class 1 (training)</text>", svg);
        Assert.Contains(">where the prediction changes class (network output = 0.5)</text>", svg);
        Assert.Contains(">network output</text>", svg);
    }

    [Fact]
    public void More_than_two_classes_shade_by_the_predicted_class_with_a_key()
    {
        var values = new double[2, 3];
        for (int c = 0; c < 3; c++) values[0, c] = values[1, c] = c;
        var boundary = new DecisionBoundary("a", "b", [0, 1], [0, 1], values, DecisionBoundary.PredictedClass, [], ["setosa", "versicolor", "virginica"], 0.5);
        string svg = BoundaryChart.Draw(boundary, 640, 540);
        Assert.Equal(3, Fill().Matches(Shading().Match(svg).Value).Count);
        Assert.Contains("class=\"class-edges\" data-segments=\"4\"", svg);
        Assert.Contains(">virginica</text>", svg);
        Assert.Contains(">where the predicted class changes</text>", svg);
    }

    [GeneratedRegex("<g class=\"shading\">.*?</g>")]
    private static partial Regex Shading();

    [GeneratedRegex("<path fill=\"([^\"]+)\" d=\"([^\"]+)\"")]
    private static partial Regex Fill();
}

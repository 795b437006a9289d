using System.Text.RegularExpressions;
using NnLab.Reports.Charts.Svg;

namespace NnLab.Reports.Tests;

/// <summary>The learning curve's SVG: what a log axis can place is drawn and counted, the rest breaks the line.</summary>
public sealed partial class LineChartTests
{
    [Fact]
    public void Values_a_log_axis_cannot_place_break_the_line_and_are_not_counted()
    {
        // A run that diverged and recovered: NaN, 0 and ∞ cannot be placed on a log axis.
        double[] epochs = [0, 10, 20, 30, 40, 50, 60, 70];
        double[] costs = [1, 0.5, double.NaN, 0.2, 0.1, double.PositiveInfinity, 0.05, 0];
        string svg = LineChart.Draw("t", "epoch", "cost", [new LineSeries("training cost", epochs, costs, "#0072B2")], null, 720, 420,
            out int[] drawn);

        Assert.Equal([5], drawn);
        Assert.Equal(2, Polyline().Matches(svg).Count); // 1 → 0.5, 0.2 → 0.1
        Assert.Single(Dot().Matches(svg)); // 0.05 alone
        Assert.Equal(2, Polyline().Matches(svg)[0].Groups[1].Value.Trim().Split(' ').Length);
    }

    [Fact]
    public void Two_series_and_a_marked_epoch_appear_in_the_legend()
    {
        double[] epochs = [0, 10, 20];
        string svg = LineChart.Draw("moons", "epoch", "cost",
            [new LineSeries("training cost", epochs, [1, 0.5, 0.3], "#0072B2"), new LineSeries("validation cost", epochs, [1, 0.6, 0.4], "#E69F00", Dashed: true)],
            new VerticalMark(10, "best epoch 10", "best-epoch"), 720, 420, out int[] drawn);

        Assert.Equal([3, 3], drawn);
        Assert.Contains(">training cost</text>", svg);
        Assert.Contains(">validation cost</text>", svg);
        Assert.Contains(">best epoch 10</text>", svg);
        Assert.Contains("class=\"best-epoch\" data-x=\"10\"", svg);
        Assert.Equal(4, Regex.Matches(svg, "stroke-dasharray").Count); // the validation line and the mark, each in the legend too
    }

    [Fact]
    public void The_svg_is_one_element_with_a_view_box_that_scales_and_escaped_text()
    {
        string svg = LineChart.Draw("a < b & \"c\"", "epoch", "cost", [new LineSeries("x", [0, 1], [1, 2], "#000000")], null, 720, 420, out _);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 420\"", svg);
        Assert.EndsWith("</svg>", svg);
        Assert.Contains("a &lt; b &amp; &quot;c&quot;", svg);
        Assert.DoesNotContain("a < b", svg);
    }

    [GeneratedRegex("<polyline [^>]*points=\"([^\"]*)\"")]
    private static partial Regex Polyline();

    [GeneratedRegex("<circle ")]
    private static partial Regex Dot();
}

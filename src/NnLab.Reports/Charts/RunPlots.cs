using NnLab.Reports.Data;
using NnLab.Reports.Runs;
using ScottPlot;

namespace NnLab.Reports.Charts;

/// <summary>
/// The run report's two charts drawn by ScottPlot, for their PNG copies only (<c>nnlab report DIR --png</c>): the page
/// itself shows <see cref="RunCharts"/>' SVG of the same data, so this code runs only when a PNG is asked for.
/// </summary>
internal static class RunPlots
{
    /// <summary>Cost per recorded epoch on a log axis: training, validation when recorded, the best epoch marked.</summary>
    public static Plot LearningCurve(Curve curve, double? bestEpoch, string title)
    {
        var plot = Charting.NewPlot(title, "epoch", "cost (log scale)");
        Charting.Line(plot, curve.Epochs, curve.Costs, RunCharts.Training, Charting.Categorical[0]);
        if (curve.ValidationCosts is { } validation)
            Charting.Line(plot, curve.Epochs, validation, RunCharts.Validation, Charting.Categorical[1], LinePattern.Dashed);
        if (bestEpoch is { } best)
        {
            var line = plot.Add.VerticalLine(best, 1.5f, Colors.Gray, LinePattern.Dashed);
            line.LegendText = RunCharts.BestEpochLabel(best);
        }
        Charting.LogAxis(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>The network's output over the input plane, shaded, with the training points coloured by class.</summary>
    public static Plot Boundary(DecisionBoundary boundary)
    {
        var plot = Charting.NewPlot("Decision boundary", boundary.XName, boundary.YName);
        var heatmap = plot.Add.Heatmap(boundary.Values);
        heatmap.Extent = new CoordinateRect(boundary.XRange[0], boundary.XRange[1], boundary.YRange[0], boundary.YRange[1]);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated(Palette.Diverging.Select(Color.FromHex).ToArray());
        if (!boundary.ValuesAreClasses) heatmap.ManualRange = new ScottPlot.Range(0, 1);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = boundary.ValueLabel;
        foreach (var points in boundary.Points)
        {
            var markers = plot.Add.Markers(points.X, points.Y, MarkerShape.FilledCircle, 11, Color.FromHex(Palette.ClassPoint(points.Class)));
            markers.MarkerStyle.LineColor = Colors.White;
            markers.MarkerStyle.LineWidth = 1.5f;
            markers.LegendText = $"{points.Name} (training)";
        }
        plot.Axes.SetLimits(boundary.XRange[0], boundary.XRange[1], boundary.YRange[0], boundary.YRange[1]);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}

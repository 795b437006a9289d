using NnLab.Reports.Data;
using NnLab.Reports.Runs;
using ScottPlot;

namespace NnLab.Reports.Charts;

/// <summary>The run report's charts: the learning curve and the decision boundary.</summary>
internal static class RunCharts
{
    /// <summary>Cost per recorded epoch on a log axis: training, validation when recorded, the best epoch marked.</summary>
    public static ChartFigure LearningCurve(Curve curve, double? bestEpoch, string title)
    {
        var plot = Charting.NewPlot(title, "epoch", "cost (log scale)");
        var series = new List<(string, int)>();
        var train = Line(plot, curve.Epochs, curve.Costs, "training cost", Charting.Categorical[0]);
        series.Add(("training cost", train));
        if (curve.ValidationCosts is { } validation)
            series.Add(("validation cost", Line(plot, curve.Epochs, validation, "validation cost", Charting.Categorical[1])));
        if (bestEpoch is { } best)
        {
            var line = plot.Add.VerticalLine(best, 1.5f, Colors.Gray, LinePattern.Dashed);
            line.LegendText = $"best epoch {best:0}";
        }
        Charting.LogAxis(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperRight);
        string caption = curve.ValidationCosts is null
            ? $"Training cost at each of the {curve.Count} recorded epochs."
            : $"Training and validation cost at each of the {curve.Count} recorded epochs.";
        if (bestEpoch is { } b) caption += $" Dashed: the best epoch ({b:0}), whose weights were kept.";
        return new ChartFigure("learning-curve", "Learning curve", caption, plot, series);
    }

    /// <summary>Plots the positive values of a curve as log10, returning how many points were drawn.</summary>
    internal static int Line(Plot plot, double[] xs, double[] ys, string? legend, Color color, LinePattern? pattern = null, float width = 2)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            double l = Charting.Log(ys[i]);
            if (double.IsNaN(l)) continue;
            x.Add(xs[i]);
            y.Add(l);
        }
        if (x.Count == 0) return 0;
        var scatter = plot.Add.ScatterLine(x.ToArray(), y.ToArray(), color);
        scatter.LineWidth = width;
        if (pattern is { } p) scatter.LinePattern = p;
        if (legend is not null) scatter.LegendText = legend;
        return x.Count;
    }

    /// <summary>The network's output over the input plane, shaded, with the training points coloured by class.</summary>
    public static ChartFigure Boundary(DecisionBoundary boundary)
    {
        var plot = Charting.NewPlot("Decision boundary", boundary.XName, boundary.YName);
        var heatmap = plot.Add.Heatmap(boundary.Values);
        heatmap.Extent = new CoordinateRect(boundary.XRange[0], boundary.XRange[1], boundary.YRange[0], boundary.YRange[1]);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated(
            [Color.FromHex("#3B75AF"), Color.FromHex("#F7F7F7"), Color.FromHex("#E08214")]);
        if (boundary.ValueLabel != "predicted class") heatmap.ManualRange = new ScottPlot.Range(0, 1);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = boundary.ValueLabel;
        var series = new List<(string, int)> { (boundary.ValueLabel, boundary.Values.Length) };
        for (int k = 0; k < boundary.Points.Count; k++)
        {
            var (name, xs, ys) = boundary.Points[k];
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 11, k == 0 ? Color.FromHex("#08306B") : k == 1 ? Color.FromHex("#7F2704") : Charting.Categorical[k % 8]);
            markers.MarkerStyle.LineColor = Colors.White;
            markers.MarkerStyle.LineWidth = 1.5f;
            markers.LegendText = $"{name} (training)";
            series.Add((name, xs.Length));
        }
        plot.Axes.SetLimits(boundary.XRange[0], boundary.XRange[1], boundary.YRange[0], boundary.YRange[1]);
        plot.ShowLegend(Alignment.UpperLeft);
        string caption = $"The trained network's output over a {DecisionBoundary.GridSize}×{DecisionBoundary.GridSize} grid of " +
            $"({boundary.XName}, {boundary.YName}), with the training points on top by class. Orange: high, blue: low.";
        return new ChartFigure("decision-boundary", "Decision boundary", caption, plot, series, 640, 540);
    }
}

using NnLab.Reports.Charts.Svg;
using NnLab.Reports.Data;
using NnLab.Reports.Runs;

namespace NnLab.Reports.Charts;

/// <summary>
/// The run report's charts, the learning curve and the decision boundary, drawn by the SVG writer (Charts/Svg); their
/// PNG copies come from ScottPlot (<see cref="RunPlots"/>), which is loaded only when a copy is written.
/// </summary>
/// <remarks>
/// Why not ScottPlot for the page, as the sweep report has it: <c>nnlab run</c> writes this report at the end of every run,
/// and ScottPlot's first two charts in a process cost half to three quarters of a whole XOR run. Measured in the
/// published (ReadyToRun) nnlab on the 2-core test machine: the learning curve 61-105 ms (median 67), the decision
/// boundary's heatmap 27-38 ms more. A stand-alone ReadyToRun harness put the first chart's cost in loading
/// libSkiaSharp (20-35 ms), ScottPlot's start-up (10-14 ms) and the first GetSvgXml (53-65 ms, of which 20-24 ms
/// JIT-compiling ~200 methods ReadyToRun does not cover); fonts are not the cost (fontconfig answers in 1-3 ms), and
/// even warm the two charts take 25-38 ms. The whole run takes ~200 ms and must stay 1.5× faster than NumPy's script,
/// so the report may add ~10-25 ms. With these SVG charts the whole report takes 17.6 ms where the chartless one took
/// 14.2 (medians of 20 interleaved traced runs): the learning curve ~1.5 ms, the decision boundary ~7-9 ms (10,000
/// predictions, the shading), the rest won back from the page's own code (RunMetrics, Markup).
/// </remarks>
internal static class RunCharts
{
    public const string Training = "training cost";
    public const string Validation = "validation cost";
    public const int CurveWidth = 720, CurveHeight = 420, BoundaryWidth = 640, BoundaryHeight = 540;

    public static string BestEpochLabel(double epoch) => $"best epoch {Format.Number(epoch, 10)}";

    /// <summary>Cost per recorded epoch on a log axis: training, validation (dashed) when recorded, the best epoch marked.</summary>
    public static ChartFigure LearningCurve(Curve curve, double? bestEpoch, string title)
    {
        var series = new List<LineSeries> { new(Training, curve.Epochs, curve.Costs, Palette.Categorical[0]) };
        if (curve.ValidationCosts is { } validation) series.Add(new(Validation, curve.Epochs, validation, Palette.Categorical[1], Dashed: true));
        var mark = bestEpoch is { } best ? new VerticalMark(best, BestEpochLabel(best), "best-epoch") : null;
        string svg = LineChart.Draw(title, "epoch", "cost (log scale)", series, mark, CurveWidth, CurveHeight, out int[] drawn);
        var shown = new List<ChartSeries>();
        for (int i = 0; i < series.Count; i++) shown.Add(new ChartSeries(series[i].Name, drawn[i]));
        string caption = curve.ValidationCosts is null
            ? $"Training cost at each of the {curve.Count} recorded epochs."
            : $"Training cost (solid) and validation cost (dashed) at each of the {curve.Count} recorded epochs.";
        if (bestEpoch is { } b) caption += $" Grey dashes: the best epoch ({Format.Number(b, 10)}), whose weights were kept.";
        return new ChartFigure("learning-curve", "Learning curve", caption, svg, shown, CurveWidth, CurveHeight,
            path => RunPlots.LearningCurve(curve, bestEpoch, title).SavePng(path, CurveWidth, CurveHeight));
    }

    /// <summary>The network's output over the input plane, shaded, with the training points coloured by class.</summary>
    public static ChartFigure Boundary(DecisionBoundary boundary)
    {
        string svg = BoundaryChart.Draw(boundary, BoundaryWidth, BoundaryHeight);
        var series = new List<ChartSeries> { new(boundary.ValueLabel, boundary.Values.Length) };
        foreach (var points in boundary.Points) series.Add(new ChartSeries(points.Name, points.X.Length));
        int n = boundary.Values.GetLength(0);
        string shading = boundary.ValuesAreClasses
            ? "shaded by the class it predicts"
            : $"shaded in bands of {Format.Number(1.0 / BoundaryChart.Bands)} from blue (0) through white (0.5) to orange (1)";
        string what = boundary.ValueLabel == DecisionBoundary.NetworkOutput ? "output" : boundary.ValueLabel;
        string caption = $"The trained network's {what} over a {n}×{n} grid of ({boundary.XName}, {boundary.YName}), " +
                         $"{shading}, with the training points on top by class. The dark line: {BoundaryChart.EdgeLabel(boundary)}.";
        return new ChartFigure("decision-boundary", "Decision boundary", caption, svg, series, BoundaryWidth, BoundaryHeight,
            path => RunPlots.Boundary(boundary).SavePng(path, BoundaryWidth, BoundaryHeight));
    }
}

using ScottPlot;

namespace NnLab.Reports.Charts;

/// <summary>Shared ScottPlot settings: log axes (values plotted as log10 with 10^k labels), colours, fonts.</summary>
internal static class Charting
{
    /// <summary>The colours of classes and compared runs (<see cref="Palette.Categorical"/>).</summary>
    public static readonly Color[] Categorical = Palette.Categorical.Select(Color.FromHex).ToArray();

    public static readonly Color Diverged = Color.FromHex(Palette.Diverged);

    /// <summary>A figure drawn by ScottPlot: its SVG now, its PNG copy from the same plot when asked.</summary>
    public static ChartFigure Figure(string id, string title, string caption, Plot plot, IReadOnlyList<ChartSeries> series,
        int width = 720, int height = 420) =>
        new(id, title, caption, plot.GetSvgXml(width, height), series, width, height, path => plot.SavePng(path, width, height));

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Title.Label.FontSize = 16;
        return plot;
    }

    /// <summary>Plots the positive values of a curve as log10, returning how many points were drawn.</summary>
    public static int Line(Plot plot, double[] xs, double[] ys, string? legend, Color color, LinePattern? pattern = null, float width = 2)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            double l = Log(ys[i]);
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

    /// <summary>log10 of the value, or NaN when it is not positive (not drawn on a log axis).</summary>
    public static double Log(double value) => value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN;

    /// <summary>Makes <paramref name="axis"/> read as a log axis: data are log10 values, ticks at powers of ten labelled with the value.</summary>
    public static void LogAxis(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = PowerOfTen,
        };
    }

    private static string PowerOfTen(double exponent)
    {
        double value = Math.Pow(10, exponent);
        return exponent is >= -3 and <= 4 ? Format.Number(value, 4) : $"1e{exponent:0}";
    }

    /// <summary>A sequential colour for a fraction 0..1 (viridis, stopping before its palest yellow so lines stay visible on white).</summary>
    public static Color Sequential(double fraction) =>
        new ScottPlot.Colormaps.Viridis().GetColor(Math.Clamp(fraction, 0, 1) * 0.9);
}

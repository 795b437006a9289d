namespace NnLab.Reports.Charts.Svg;

/// <summary>One line of a <see cref="LineChart"/>: its legend name, its points and how it is drawn.</summary>
internal sealed record LineSeries(string Name, double[] Xs, double[] Ys, string Colour, bool Dashed = false);

/// <summary>A dashed vertical line at one x value, named in the legend (the best epoch under early stopping).</summary>
internal sealed record VerticalMark(double X, string Label, string CssClass);

/// <summary>
/// A line chart on a log y axis, for costs that fall by orders of magnitude: each series a line through the values a
/// log axis can place (positive and finite; the line breaks at the others, such as a diverged run's ∞ or NaN), an
/// optional marked x value, and a legend under the title.
/// </summary>
internal static class LineChart
{
    private const double TitleHeight = 30;

    /// <summary>Draws the chart; <paramref name="drawn"/> gets how many points of each series it placed.</summary>
    public static string Draw(string title, string xTitle, string yTitle, IReadOnlyList<LineSeries> series, VerticalMark? mark,
        int width, int height, out int[] drawn)
    {
        Ranges(series, mark, out double xMin, out double xMax, out double yMin, out double yMax);
        var xTicks = AxisTicks.Linear(xMin, xMax, 8);
        var yTicks = AxisTicks.Log(yMin, yMax);

        var svg = new SvgBuilder(width, height, title);
        svg.Rect(0, 0, width, height, "#ffffff");
        svg.Text(width / 2.0, 21, title, "middle", 15, PlotFrame.Ink, bold: true);
        double left = PlotFrame.LeftMargin(yTicks);
        double legend = Legend.Draw(svg, LegendOf(series, mark), left, TitleHeight, width - 16);
        var frame = new PlotFrame(left, TitleHeight + legend + 10, width - 16, height - 50, xMin, xMax, yMin, yMax, logY: true);
        frame.DrawGrid(svg, xTicks, yTicks);
        drawn = new int[series.Count];
        for (int s = 0; s < series.Count; s++) drawn[s] = DrawSeries(svg, frame, series[s]);
        if (mark is not null)
            svg.Line(frame.X(mark.X), frame.Top, frame.X(mark.X), frame.Bottom, PlotFrame.Muted, 1.5,
                $"{Legend.Dashes} class=\"{mark.CssClass}\" data-x=\"{Format.Number(mark.X, 10)}\"");
        frame.DrawAxes(svg, xTicks, yTicks, xTitle, yTitle);
        return svg.ToString();
    }

    /// <summary>The x range of every point and mark; the y range of the placeable values, widened by 5 % of its decades.</summary>
    private static void Ranges(IReadOnlyList<LineSeries> series, VerticalMark? mark, out double xMin, out double xMax, out double yMin,
        out double yMax)
    {
        xMin = yMin = double.PositiveInfinity;
        xMax = yMax = double.NegativeInfinity;
        foreach (var line in series)
            for (int i = 0; i < Math.Min(line.Xs.Length, line.Ys.Length); i++)
            {
                if (!Placeable(line.Xs[i], line.Ys[i])) continue;
                xMin = Math.Min(xMin, line.Xs[i]);
                xMax = Math.Max(xMax, line.Xs[i]);
                yMin = Math.Min(yMin, line.Ys[i]);
                yMax = Math.Max(yMax, line.Ys[i]);
            }
        if (mark is not null && double.IsFinite(mark.X))
        {
            xMin = Math.Min(xMin, mark.X);
            xMax = Math.Max(xMax, mark.X);
        }
        if (xMin > xMax)
        {
            xMin = 0;
            xMax = 1;
        }
        if (yMin > yMax)
        {
            yMin = 0.1;
            yMax = 1;
        }
        double low = Math.Log10(yMin), high = Math.Log10(yMax);
        double pad = high - low < 1e-9 ? 0.5 : 0.05 * (high - low);
        yMin = Math.Pow(10, low - pad);
        yMax = Math.Pow(10, high + pad);
    }

    private static bool Placeable(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && y > 0;

    private static List<LegendEntry> LegendOf(IReadOnlyList<LineSeries> series, VerticalMark? mark)
    {
        var entries = new List<LegendEntry>();
        foreach (var line in series) entries.Add(new LegendEntry(line.Name, line.Colour, line.Dashed ? LegendMark.DashedLine : LegendMark.Line));
        if (mark is not null) entries.Add(new LegendEntry(mark.Label, PlotFrame.Muted, LegendMark.DashedLine));
        return entries;
    }

    /// <summary>Draws one series as polylines between the values that cannot be placed (a lone value as a dot); returns the count placed.</summary>
    private static int DrawSeries(SvgBuilder svg, PlotFrame frame, LineSeries line)
    {
        string? dashes = line.Dashed ? Legend.Dashes : null;
        int n = Math.Min(line.Xs.Length, line.Ys.Length), placed = 0;
        svg.Group($"class=\"series\" fill=\"{line.Colour}\"");
        for (int start = 0; start < n;)
        {
            if (!Placeable(line.Xs[start], line.Ys[start]))
            {
                start++;
                continue;
            }
            int end = start;
            while (end + 1 < n && Placeable(line.Xs[end + 1], line.Ys[end + 1])) end++;
            if (end == start) svg.Circle(frame.X(line.Xs[start]), frame.Y(line.Ys[start]), 2.5, line.Colour);
            else
            {
                svg.Polyline(line.Colour, 2, dashes);
                for (int i = start; i <= end; i++) svg.Point(frame.X(line.Xs[i]), frame.Y(line.Ys[i]));
                svg.EndPolyline();
            }
            placed += end - start + 1;
            start = end + 1;
        }
        svg.EndGroup();
        return placed;
    }
}

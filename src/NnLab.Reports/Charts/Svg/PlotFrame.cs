namespace NnLab.Reports.Charts.Svg;

/// <summary>
/// The rectangle a chart's data are drawn in, how data values map to its pixels (x linear; y linear or log10), and
/// the axes around it: grid lines, tick marks and labels, axis titles.
/// </summary>
internal sealed class PlotFrame
{
    public const string Ink = "#1b1f24";
    public const string Muted = "#57606a";
    private const string GridLine = "#d8dee4";
    private const string MinorGridLine = "#eef1f4";

    private readonly double _xMin, _xMax, _yLow, _yHigh;

    /// <summary>
    /// A frame from (<paramref name="left"/>, <paramref name="top"/>) to (<paramref name="right"/>, <paramref name="bottom"/>)
    /// in pixels showing x from <paramref name="xMin"/> to <paramref name="xMax"/> and y from <paramref name="yMin"/> to
    /// <paramref name="yMax"/> (positive values, placed by their log10, when <paramref name="logY"/>).
    /// </summary>
    public PlotFrame(double left, double top, double right, double bottom, double xMin, double xMax, double yMin, double yMax, bool logY)
    {
        Left = left;
        Top = top;
        Right = right;
        Bottom = bottom;
        LogY = logY;
        // An empty range (one epoch, one value) is widened around its value rather than divided by.
        _xMin = xMax > xMin ? xMin : xMin - 1;
        _xMax = xMax > xMin ? xMax : xMin + 1;
        _yLow = logY ? Math.Log10(yMin) : yMin;
        _yHigh = logY ? Math.Log10(yMax) : yMax;
        if (!(_yHigh > _yLow))
        {
            _yHigh = _yLow + 1;
            _yLow -= 1;
        }
    }

    public double Left { get; }
    public double Top { get; }
    public double Right { get; }
    public double Bottom { get; }
    public bool LogY { get; }

    public double X(double value) => Left + (value - _xMin) / (_xMax - _xMin) * (Right - Left);

    public double Y(double value) => Bottom - ((LogY ? Math.Log10(value) : value) - _yLow) / (_yHigh - _yLow) * (Bottom - Top);

    /// <summary>Whether y can place <paramref name="value"/> (a log axis cannot place zero, negatives, NaN or ∞).</summary>
    public bool CanPlaceY(double value) => double.IsFinite(value) && (!LogY || value > 0);

    /// <summary>Rough width of <paramref name="text"/> in a sans-serif font at <paramref name="size"/> px (for margins and legends).</summary>
    public static double TextWidth(string text, double size = 12) => text.Length * size * 0.58;

    /// <summary>The left margin that fits the y tick labels and the y axis title.</summary>
    public static double LeftMargin(AxisTicks y)
    {
        double widest = 0;
        foreach (string label in y.Labels) widest = Math.Max(widest, TextWidth(label));
        return 28 + widest + 10;
    }

    /// <summary>Grid lines at the ticks, behind the data.</summary>
    public void DrawGrid(SvgBuilder svg, AxisTicks x, AxisTicks y)
    {
        svg.Group("class=\"grid\"");
        foreach (double v in y.Minor) svg.Line(Left, Y(v), Right, Y(v), MinorGridLine);
        foreach (double v in x.Minor) svg.Line(X(v), Top, X(v), Bottom, MinorGridLine);
        foreach (double v in y.Major) svg.Line(Left, Y(v), Right, Y(v), GridLine);
        foreach (double v in x.Major) svg.Line(X(v), Top, X(v), Bottom, GridLine);
        svg.EndGroup();
    }

    /// <summary>The frame, tick marks with their labels, and the axis titles, over the data.</summary>
    public void DrawAxes(SvgBuilder svg, AxisTicks x, AxisTicks y, string xTitle, string yTitle)
    {
        svg.Group("class=\"axes\"");
        svg.Rect(Left, Top, Right - Left, Bottom - Top, "none", Muted);
        for (int i = 0; i < x.Major.Length; i++)
        {
            double px = X(x.Major[i]);
            svg.Line(px, Bottom, px, Bottom + 5, Muted);
            svg.Text(px, Bottom + 18, x.Labels[i], "middle", fill: Ink);
        }
        for (int i = 0; i < y.Major.Length; i++)
        {
            double py = Y(y.Major[i]);
            svg.Line(Left - 5, py, Left, py, Muted);
            svg.Text(Left - 8, py + 4, y.Labels[i], "end", fill: Ink);
        }
        foreach (double v in y.Minor) svg.Line(Left - 3, Y(v), Left, Y(v), Muted);
        svg.Text((Left + Right) / 2, Bottom + 38, xTitle, "middle", 13, Ink);
        svg.Text(16, (Top + Bottom) / 2, yTitle, "middle", 13, Ink, rotate: -90);
        svg.EndGroup();
    }
}

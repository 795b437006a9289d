namespace NnLab.Reports.Charts.Svg;

/// <summary>How a legend entry shows its series.</summary>
internal enum LegendMark
{
    Line,
    DashedLine,
    Point,
}

/// <summary>One legend entry: its text and how its series is drawn.</summary>
internal sealed record LegendEntry(string Label, string Colour, LegendMark Mark);

/// <summary>
/// A chart's legend as a row of entries under its title (wrapping when the row is full), outside the data, so it
/// never hides a line or a point.
/// </summary>
internal static class Legend
{
    public const double RowHeight = 18;

    /// <summary>The stroke pattern of dashed lines, in the legend as in the chart.</summary>
    public const string Dashes = "stroke-dasharray=\"6 4\"";

    /// <summary>Draws <paramref name="entries"/> from (<paramref name="left"/>, <paramref name="top"/>) and returns the height used.</summary>
    public static double Draw(SvgBuilder svg, IReadOnlyList<LegendEntry> entries, double left, double top, double right)
    {
        if (entries.Count == 0) return 0;
        svg.Group("class=\"legend\"");
        double x = left, y = top + RowHeight / 2;
        foreach (var entry in entries)
        {
            double width = 28 + PlotFrame.TextWidth(entry.Label) + 18;
            if (x > left && x + width > right)
            {
                x = left;
                y += RowHeight;
            }
            if (entry.Mark == LegendMark.Point) svg.Circle(x + 10, y, 5, entry.Colour, "#ffffff", 1.5);
            else svg.Line(x, y, x + 22, y, entry.Colour, 2.5, entry.Mark == LegendMark.DashedLine ? Dashes : null);
            svg.Text(x + 28, y + 4, entry.Label, fill: PlotFrame.Ink);
            x += width;
        }
        svg.EndGroup();
        return y + RowHeight / 2 - top;
    }
}

using System.Text;
using NnLab.Reports.Runs;

namespace NnLab.Reports.Charts.Svg;

/// <summary>
/// The decision boundary as SVG: the network's output over the grid, shaded, with the training points on top by
/// class, a colour bar and the legend under the title. The shading puts an output in 0..1 into <see cref="Bands"/>
/// bands (a predicted class into one colour per class) and draws each row's runs of one band as one rectangle: a 100×100
/// grid becomes a few hundred rectangles instead of 10,000, and the bands' edges read as contour lines of the output.
/// </summary>
internal static class BoundaryChart
{
    /// <summary>Bands of an output in 0..1, each 0.05 wide; the scale turns from blue to orange at 0.5.</summary>
    public const int Bands = 20;

    private const string NoValue = "#D0D7DE";
    private const double ColourBarWidth = 14;

    public static string Draw(DecisionBoundary boundary, int width, int height)
    {
        var xTicks = AxisTicks.Linear(boundary.XRange[0], boundary.XRange[1], 6);
        var yTicks = AxisTicks.Linear(boundary.YRange[0], boundary.YRange[1], 6);
        var svg = new SvgBuilder(width, height, "Decision boundary");
        svg.Rect(0, 0, width, height, "#ffffff");
        svg.Text(width / 2.0, 21, "Decision boundary", "middle", 15, PlotFrame.Ink, bold: true);
        double left = PlotFrame.LeftMargin(yTicks);
        var entries = new List<LegendEntry>();
        foreach (var points in boundary.Points)
            entries.Add(new LegendEntry($"{points.Name} (training)", Palette.ClassPoint(points.Class), LegendMark.Point));
        entries.Add(new LegendEntry(EdgeLabel(boundary), EdgeColour, LegendMark.Line));
        double legend = Legend.Draw(svg, entries, left, 30, width - 16);
        double right = width - (boundary.ValuesAreClasses ? 110 : 84);
        var frame = new PlotFrame(left, 30 + legend + 10, right, height - 50,
            boundary.XRange[0], boundary.XRange[1], boundary.YRange[0], boundary.YRange[1], logY: false);
        Shade(svg, frame, boundary);
        ClassEdges(svg, frame, boundary);
        foreach (var points in boundary.Points) DrawPoints(svg, frame, points);
        if (boundary.ValuesAreClasses) ClassKey(svg, frame, boundary.ClassNames);
        else ColourBar(svg, frame, boundary.ValueLabel);
        frame.DrawAxes(svg, xTicks, yTicks, boundary.XName, boundary.YName);
        return svg.ToString();
    }

    /// <summary>The band a grid value falls in: 0..Bands-1 for an output, the class for a class index, -1 for NaN.</summary>
    public static int Band(double value, bool isClass)
    {
        if (double.IsNaN(value)) return -1;
        if (isClass) return (int)value;
        return Math.Clamp((int)Math.Floor(value * Bands), 0, Bands - 1);
    }

    private static string BandColour(int band, bool isClass) =>
        band < 0 ? NoValue
        : isClass ? ColourScale.Lighten(Palette.Categorical[band % Palette.Categorical.Length], 0.55)
        : ColourScale.Diverging((band + 0.5) / Bands);

    /// <summary>
    /// Each row's runs of equal band as one rectangle, overlapping its neighbours by half a pixel so no seam shows; the
    /// rectangles of one band make one path (a rectangle is then ~30 characters of the page).
    /// </summary>
    private static void Shade(SvgBuilder svg, PlotFrame frame, DecisionBoundary boundary)
    {
        var values = boundary.Values;
        int rows = values.GetLength(0), cols = values.GetLength(1);
        bool isClass = boundary.ValuesAreClasses;
        double cellWidth = (frame.Right - frame.Left) / cols, cellHeight = (frame.Bottom - frame.Top) / rows;
        // Path data per band; the last slot collects cells without a value (NaN, a class past the names).
        var bands = new StringBuilder?[(isClass ? boundary.ClassNames.Count : Bands) + 1];
        for (int r = 0; r < rows; r++)
        {
            double overlap = r + 1 < rows ? 0.5 : 0;
            for (int c = 0; c < cols;)
            {
                int band = Band(values[r, c], isClass), end = c + 1;
                while (end < cols && Band(values[r, end], isClass) == band) end++;
                int slot = band >= 0 && band < bands.Length - 1 ? band : bands.Length - 1;
                SvgBuilder.RectangleData(bands[slot] ??= new StringBuilder(), frame.Left + c * cellWidth, frame.Top + r * cellHeight,
                    (end - c) * cellWidth + (end < cols ? 0.5 : 0), cellHeight + overlap);
                c = end;
            }
        }
        svg.Group("class=\"shading\"");
        for (int slot = 0; slot < bands.Length; slot++)
            if (bands[slot] is { } data) svg.Path(data.ToString(), slot < bands.Length - 1 ? BandColour(slot, isClass) : NoValue);
        svg.EndGroup();
    }

    private const string EdgeColour = "#24292F";

    /// <summary>What the line between the predicted classes is, in the legend.</summary>
    public static string EdgeLabel(DecisionBoundary boundary) => boundary.ValuesAreClasses
        ? "where the predicted class changes"
        : $"where the prediction changes class ({boundary.ValueLabel} = {Format.Number(boundary.Threshold)})";

    /// <summary>
    /// The grid's cell edges between cells predicted as different classes (the output on either side of the threshold,
    /// or different class indices): the decision boundary itself, traced to the grid's resolution.
    /// </summary>
    private static void ClassEdges(SvgBuilder svg, PlotFrame frame, DecisionBoundary boundary)
    {
        var values = boundary.Values;
        int rows = values.GetLength(0), cols = values.GetLength(1), segments = 0;
        double cellWidth = (frame.Right - frame.Left) / cols, cellHeight = (frame.Bottom - frame.Top) / rows;
        var data = new StringBuilder();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                int side = boundary.PredictedSide(values[r, c]);
                double x = frame.Left + (c + 1) * cellWidth, y = frame.Top + (r + 1) * cellHeight;
                if (c + 1 < cols && boundary.PredictedSide(values[r, c + 1]) != side)
                {
                    SvgBuilder.SegmentData(data, x, y - cellHeight, x, y);
                    segments++;
                }
                if (r + 1 < rows && boundary.PredictedSide(values[r + 1, c]) != side)
                {
                    SvgBuilder.SegmentData(data, x - cellWidth, y, x, y);
                    segments++;
                }
            }
        if (segments > 0)
            svg.StrokePath(data.ToString(), EdgeColour, 1.5, $"class=\"class-edges\" data-segments=\"{segments}\" stroke-linecap=\"square\"");
    }

    private static void DrawPoints(SvgBuilder svg, PlotFrame frame, ClassPoints points)
    {
        svg.Group("class=\"points\"");
        for (int i = 0; i < points.X.Length; i++)
            svg.Circle(frame.X(points.X[i]), frame.Y(points.Y[i]), 5.5, Palette.ClassPoint(points.Class), "#ffffff", 1.5);
        svg.EndGroup();
    }

    /// <summary>The bands stacked from 0 (bottom) to 1 (top), labelled every quarter, the output's name beside them.</summary>
    private static void ColourBar(SvgBuilder svg, PlotFrame frame, string label)
    {
        double x = frame.Right + 16, height = frame.Bottom - frame.Top;
        svg.Group("class=\"colour-bar\"");
        for (int band = 0; band < Bands; band++)
            svg.Rect(x, frame.Bottom - (band + 1) * height / Bands, ColourBarWidth, height / Bands + 0.5, BandColour(band, false));
        svg.Rect(x, frame.Top, ColourBarWidth, height, "none", PlotFrame.Muted);
        for (int q = 0; q <= 4; q++)
        {
            double y = frame.Bottom - q * height / 4;
            svg.Line(x + ColourBarWidth, y, x + ColourBarWidth + 4, y, PlotFrame.Muted);
            svg.Text(x + ColourBarWidth + 7, y + 4, Format.Number(q / 4.0), fill: PlotFrame.Ink);
        }
        svg.Text(x + ColourBarWidth + 48, (frame.Top + frame.Bottom) / 2, label, "middle", 13, PlotFrame.Ink, rotate: -90);
        svg.EndGroup();
    }

    /// <summary>For a predicted class: one swatch per class with its name.</summary>
    private static void ClassKey(SvgBuilder svg, PlotFrame frame, IReadOnlyList<string> names)
    {
        double x = frame.Right + 16;
        svg.Group("class=\"colour-bar\"");
        svg.Text(x, frame.Top + 10, DecisionBoundary.PredictedClass, fill: PlotFrame.Ink);
        for (int k = 0; k < names.Count; k++)
        {
            double y = frame.Top + 22 + k * 20;
            svg.Rect(x, y, 14, 14, BandColour(k, true), PlotFrame.Muted);
            svg.Text(x + 20, y + 11, names[k], fill: PlotFrame.Ink);
        }
        svg.EndGroup();
    }
}

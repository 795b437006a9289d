using System.Globalization;
using System.Text;

namespace NnLab.Reports.Charts.Svg;

/// <summary>
/// Writes one SVG picture as text, element by element: coordinates in pixels rounded to a hundredth, numbers and
/// text written the same in every culture. The picture scales with its <c>viewBox</c>; its font is the page's
/// sans-serif, so labels match the report's text and need no font of their own.
/// </summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder _text = new(16 * 1024);

    public SvgBuilder(int width, int height, string label)
    {
        _text.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
            .Append("\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" role=\"img\" aria-label=\"").Append(Markup.Escape(label))
            .Append("\" font-family=\"system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif\" font-size=\"12\">");
    }

    /// <summary>Opens a group; <paramref name="attributes"/> is written as given (e.g. <c>class="grid"</c>).</summary>
    public SvgBuilder Group(string attributes)
    {
        _text.Append("<g ").Append(attributes).Append('>');
        return this;
    }

    public SvgBuilder EndGroup()
    {
        _text.Append("</g>");
        return this;
    }

    public SvgBuilder Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        _text.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(width))
            .Append("\" height=\"").Append(N(height)).Append("\" fill=\"").Append(fill).Append('"');
        if (stroke is not null) _text.Append(" stroke=\"").Append(stroke).Append('"');
        _text.Append("/>");
        return this;
    }

    /// <summary>A line; <paramref name="attributes"/>, when given, is written into the element as is (a class, a dash pattern).</summary>
    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? attributes = null)
    {
        _text.Append("<line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2))
            .Append("\" y2=\"").Append(N(y2)).Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (attributes is not null) _text.Append(' ').Append(attributes);
        _text.Append("/>");
        return this;
    }

    /// <summary>Starts a polyline; add its points with <see cref="Point"/> and close it with <see cref="EndPolyline"/>.</summary>
    public SvgBuilder Polyline(string stroke, double width, string? attributes = null)
    {
        _text.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width))
            .Append("\" stroke-linejoin=\"round\"");
        if (attributes is not null) _text.Append(' ').Append(attributes);
        _text.Append(" points=\"");
        return this;
    }

    public SvgBuilder Point(double x, double y)
    {
        _text.Append(N(x)).Append(',').Append(N(y)).Append(' ');
        return this;
    }

    public SvgBuilder EndPolyline()
    {
        _text.Append("\"/>");
        return this;
    }

    /// <summary>A filled path; <paramref name="data"/> is its <c>d</c> attribute (<see cref="RectangleData"/> builds one).</summary>
    public SvgBuilder Path(string data, string fill)
    {
        _text.Append("<path fill=\"").Append(fill).Append("\" d=\"").Append(data).Append("\"/>");
        return this;
    }

    /// <summary>A stroked, unfilled path; <paramref name="attributes"/>, when given, is written into the element as is.</summary>
    public SvgBuilder StrokePath(string data, string stroke, double width, string? attributes = null)
    {
        _text.Append("<path fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (attributes is not null) _text.Append(' ').Append(attributes);
        _text.Append(" d=\"").Append(data).Append("\"/>");
        return this;
    }

    /// <summary>Appends a straight segment from (x1, y1) to (x2, y2) to path data <paramref name="data"/>.</summary>
    public static void SegmentData(StringBuilder data, double x1, double y1, double x2, double y2) =>
        data.Append('M').Append(N(x1)).Append(' ').Append(N(y1)).Append('L').Append(N(x2)).Append(' ').Append(N(y2));

    /// <summary>Appends a rectangle to path data <paramref name="data"/>: many rectangles of one colour make one short path.</summary>
    public static void RectangleData(StringBuilder data, double x, double y, double width, double height) =>
        data.Append('M').Append(N(x)).Append(' ').Append(N(y)).Append('h').Append(N(width)).Append('v').Append(N(height))
            .Append('h').Append(N(-width)).Append('z');

    public SvgBuilder Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1)
    {
        _text.Append("<circle cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(r))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (stroke is not null) _text.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(strokeWidth)).Append('"');
        _text.Append("/>");
        return this;
    }

    /// <summary>Text at (x, y), its baseline at y; <paramref name="anchor"/> start, middle or end; turned by <paramref name="rotate"/> degrees about (x, y).</summary>
    public SvgBuilder Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#1b1f24",
        bool bold = false, double rotate = 0)
    {
        _text.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append('"');
        if (anchor != "start") _text.Append(" text-anchor=\"").Append(anchor).Append('"');
        if (size != 12) _text.Append(" font-size=\"").Append(N(size)).Append('"');
        if (bold) _text.Append(" font-weight=\"600\"");
        if (rotate != 0) _text.Append(" transform=\"rotate(").Append(N(rotate)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        _text.Append(" fill=\"").Append(fill).Append("\">").Append(Markup.Escape(text)).Append("</text>");
        return this;
    }

    /// <summary>The picture's text, closed.</summary>
    public override string ToString() => _text.ToString() + "</svg>";

    /// <summary>A coordinate: rounded to a hundredth of a pixel, invariant culture (no "1,5" anywhere).</summary>
    private static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}

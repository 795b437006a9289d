namespace NnLab.Reports.Charts;

/// <summary>One series of a chart as the page states it: its name and how many points were drawn.</summary>
internal sealed record ChartSeries(string Name, int Points);

/// <summary>
/// One chart of a report: the inline SVG, what it shows (series and their point counts, which the page writes into
/// data attributes so a test — or a reader's script — can check it from the page), and how to write its PNG copy.
/// Nothing here depends on the library that drew it: a chart the SVG writer drew loads no ScottPlot until its PNG
/// copy is asked for.
/// </summary>
internal sealed class ChartFigure
{
    private readonly Action<string>? _savePng;

    /// <summary>
    /// A chart <paramref name="id"/> (learning-curve, decision-boundary, sweep-curves, sweep-final, sweep-heatmap,
    /// compare-curves) whose picture <paramref name="svg"/> is an &lt;svg&gt; element (an XML prolog before it is dropped
    /// by the page), <paramref name="width"/> × <paramref name="height"/> pixels like its PNG copy, which
    /// <paramref name="savePng"/> writes to the path it is given (null: the chart has none).
    /// </summary>
    public ChartFigure(string id, string title, string caption, string svg, IReadOnlyList<ChartSeries> series, int width, int height,
        Action<string>? savePng)
    {
        Id = id;
        Title = title;
        Caption = caption;
        Svg = svg;
        Series = series;
        Width = width;
        Height = height;
        _savePng = savePng;
    }

    public string Id { get; }
    public string Title { get; }
    public string Caption { get; }
    public IReadOnlyList<ChartSeries> Series { get; }
    public int Width { get; }
    public int Height { get; }
    public string Svg { get; }

    /// <summary>The PNG copy's file name beside report.html.</summary>
    public string PngName => $"report-{Id}.png";

    /// <summary>Writes the PNG copy into <paramref name="folder"/>; returns false when the chart has none.</summary>
    public bool SavePng(string folder)
    {
        if (_savePng is null) return false;
        _savePng(Path.Combine(folder, PngName));
        return true;
    }
}

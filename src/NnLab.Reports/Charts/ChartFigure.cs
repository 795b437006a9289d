using ScottPlot;

namespace NnLab.Reports.Charts;

/// <summary>
/// One chart of a report: its ScottPlot plot, the inline SVG drawn from it, and what it shows (series and their point
/// counts), which the page writes into data attributes so a test — or a reader's script — can check it from the page.
/// </summary>
internal sealed class ChartFigure
{
    private readonly Plot _plot;

    public ChartFigure(string id, string title, string caption, Plot plot, IReadOnlyList<(string Name, int Points)> series,
        int width = 720, int height = 420)
    {
        Id = id;
        Title = title;
        Caption = caption;
        _plot = plot;
        Series = series;
        Width = width;
        Height = height;
        Svg = plot.GetSvgXml(width, height);
    }

    /// <summary>learning-curve, decision-boundary, sweep-curves, sweep-final, sweep-heatmap, compare-curves.</summary>
    public string Id { get; }
    public string Title { get; }
    public string Caption { get; }
    public IReadOnlyList<(string Name, int Points)> Series { get; }
    public int Width { get; }
    public int Height { get; }
    public string Svg { get; }

    /// <summary>The PNG copy's file name beside report.html.</summary>
    public string PngName => $"report-{Id}.png";

    public void SavePng(string folder) => _plot.SavePng(Path.Combine(folder, PngName), Width, Height);
}

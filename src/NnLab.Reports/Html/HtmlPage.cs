using System.Text;
using System.Text.RegularExpressions;
using NnLab.Reports.Charts;

namespace NnLab.Reports.Html;

/// <summary>
/// report.html's frame: one self-contained page (inline CSS, inline SVG charts, no network access) readable in a
/// light or dark browser theme and on paper. A tiny script records any page error into <c>#page-errors</c> and, once
/// loaded, the size each chart rendered at into its figure's <c>data-rendered</c>; the charts need no script.
/// </summary>
internal static partial class HtmlPage
{
    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="NnLab {{version}}">
        <title>{{title}}</title>
        <script>
        window.addEventListener('error', function (e) {
          var p = document.getElementById('page-errors');
          if (p) { p.hidden = false; p.textContent += (e.message || 'error') + '\n'; }
          document.documentElement.setAttribute('data-errors', 'yes');
        });
        window.addEventListener('load', function () {
          document.querySelectorAll('figure.chart').forEach(function (f) {
            var s = f.querySelector('svg'), r = s ? s.getBoundingClientRect() : null;
            f.setAttribute('data-rendered', r && r.width > 0 && r.height > 0 ? Math.round(r.width) + 'x' + Math.round(r.height) : 'no');
          });
          document.body.setAttribute('data-loaded', 'yes');
        });
        </script>
        <style>
        :root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa;
                --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --link: #0969da; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --card: #161b22;
                  --ok: #3fb950; --bad: #f85149; --warn: #d29922; --link: #58a6ff; }
        }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg);
               max-width: 1000px; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); }
        a { color: var(--link); } .muted { color: var(--muted); }
        table { border-collapse: collapse; margin: .4rem 0; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid var(--line); padding: .25rem .55rem; text-align: left; vertical-align: top; }
        th { background: var(--card); } td.num { text-align: right; }
        .status { display: inline-block; padding: 0 .5rem; border-radius: .8rem; font-weight: 600; border: 1px solid currentColor; }
        .status-completed { color: var(--ok); } .status-diverged, .status-failed { color: var(--bad); }
        .status-cancelled, .status-running, .status-interrupted, .status-stopped { color: var(--warn); }
        figure.chart { margin: 1rem 0; padding: .5rem; background: #fff; border: 1px solid var(--line); border-radius: 6px;
                       break-inside: avoid; }
        figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
        figure.chart figcaption { color: #57606a; font-size: .9rem; padding: .3rem .3rem 0; }
        pre { background: var(--card); border: 1px solid var(--line); padding: .7rem; overflow-x: auto; font-size: 13px; }
        ul.verdict li { margin: .2rem 0; }
        #page-errors { color: var(--bad); }
        @media print {
          :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; --card: #f2f2f2; --link: #000; }
          body { max-width: none; padding: 0; font-size: 11pt; } h2 { break-after: avoid; } pre { white-space: pre-wrap; }
          .noprint { display: none; }
        }
        </style>
        </head>
        <body data-report="{{kind}}">
        {{body}}
        <pre id="page-errors" hidden></pre>
        <footer class="muted"><p>Written by NnLab {{version}} at {{written}}. One file: it opens from disk, with no network access.</p></footer>
        </body>
        </html>
        """;

    public static string Render(string kind, string title, string body, string version) => Template
        .Replace("{{version}}", Escape(version))
        .Replace("{{title}}", Escape(title))
        .Replace("{{kind}}", kind)
        .Replace("{{written}}", Format.Time(DateTimeOffset.UtcNow))
        .Replace("{{body}}", body);

    public static string Escape(string? text) => Markup.Escape(text);

    public static string StatusBadge(string? status) =>
        $"<span class=\"status status-{Escape(status ?? "unknown")}\">{Escape(status ?? "unknown")}</span>";

    /// <summary>A table; cells are HTML already (escape text with <see cref="Escape"/>), a cell starting with "#" is a right-aligned number.</summary>
    public static string Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows, string? cssClass = null)
    {
        var html = new StringBuilder();
        html.Append(cssClass is null ? "<table>" : $"<table class=\"{cssClass}\">");
        html.Append("<thead><tr>");
        foreach (var h in headers) html.Append("<th>").Append(h).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append(cell.StartsWith('#') ? $"<td class=\"num\">{cell[1..]}</td>" : $"<td>{cell}</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>");
        return html.ToString();
    }

    /// <summary>Two-column facts table.</summary>
    public static string Facts(IEnumerable<(string Name, string Html)> facts)
    {
        // A loop rather than LINQ: a Select over value tuples is compiled at run time (ReadyToRun cannot hold it), ~1 ms per report.
        var rows = new List<IEnumerable<string>>();
        foreach (var (name, html) in facts) rows.Add([Escape(name), html]);
        return Table(["", ""], rows).Replace("<thead><tr><th></th><th></th></tr></thead>", "");
    }

    /// <summary>
    /// A chart as a figure: the SVG inline (its ids prefixed with the chart's id, so several SVGs on one page never
    /// share a clip path), with data attributes saying what it shows: data-chart, data-series (count) and
    /// data-points (each series' point count, space-separated).
    /// </summary>
    public static string Figure(ChartFigure chart, bool pngWritten)
    {
        string svg = chart.Svg.StartsWith("<?xml", StringComparison.Ordinal) ? XmlProlog().Replace(chart.Svg, "") : chart.Svg;
        svg = svg.Replace("id=\"", $"id=\"{chart.Id}-").Replace("url(#", $"url(#{chart.Id}-").Replace("href=\"#", $"href=\"#{chart.Id}-");
        string png = pngWritten ? $" <a class=\"noprint\" href=\"{chart.PngName}\">PNG</a>" : "";
        var points = new StringBuilder();
        var names = new StringBuilder();
        foreach (var series in chart.Series)
        {
            points.Append(points.Length > 0 ? " " : "").Append(series.Points);
            names.Append(names.Length > 0 ? " | " : "").Append(series.Name);
        }
        return $"""
            <figure class="chart" id="chart-{chart.Id}" data-chart="{chart.Id}" data-series="{chart.Series.Count}" data-points="{points}" data-series-names="{Escape(names.ToString())}">
            {svg}
            <figcaption>{Escape(chart.Caption)}{png}</figcaption>
            </figure>
            """;
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlProlog();
}

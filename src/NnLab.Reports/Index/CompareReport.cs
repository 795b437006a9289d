using System.Text;
using NnLab.Reports.Charts;
using NnLab.Reports.Data;
using static NnLab.Reports.Html.HtmlPage;

namespace NnLab.Reports.Index;

/// <summary><c>nnlab runs compare A B … --out FILE</c>: one page with the runs' curves overlaid, their differing keys and metrics side by side.</summary>
public static class CompareReport
{
    /// <summary>Writes the comparison page to <paramref name="path"/> (and the chart's PNG beside it when <paramref name="png"/>).</summary>
    public static void Write(IReadOnlyList<RunEntry> runs, string path, bool png = false)
    {
        var plot = Charting.NewPlot("Learning curves", "epoch", "cost (log scale)");
        var series = new List<ChartSeries>();
        for (int i = 0; i < runs.Count; i++)
        {
            if (Curve.Read(Path.Combine(runs[i].Folder, RunFolderData.CostFile)) is not { Count: > 0 } curve) continue;
            var colour = Charting.Categorical[i % Charting.Categorical.Length];
            string label = $"{i + 1}: {runs[i].Name}";
            series.Add(new(label, Charting.Line(plot, curve.Epochs, curve.Costs, label, colour)));
            if (curve.ValidationCosts is { } v)
                series.Add(new(label + " validation", Charting.Line(plot, curve.Epochs, v, label + " validation", colour, ScottPlot.LinePattern.Dashed)));
        }
        Charting.LogAxis(plot.Axes.Left);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        var chart = Charting.Figure("compare-curves", "Learning curves", "Each run's training cost (solid) and validation cost (dashed, when recorded).", plot, series, 900, 480);

        var body = new StringBuilder("<header><h1>Comparing runs</h1></header>");
        body.Append(Figure(chart, png));
        body.Append(ComparisonTables(runs));
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        File.WriteAllText(path, Render("compare", "NnLab: comparing runs", body.ToString(), ReportWriter.Version));
        if (png) chart.SavePng(folder);
    }

    private static string ComparisonTables(IReadOnlyList<RunEntry> runs)
    {
        var headers = runs.Select((r, i) => Escape($"{i + 1}: {r.Name}")).Prepend("").ToList();
        var html = new StringBuilder("<h2>Metrics</h2>");
        html.Append(Table(headers, Metrics(runs).Select(m => (IEnumerable<string>)m.Values.Select(v => "#" + Escape(v)).Prepend(Escape(m.Name)))));
        html.Append("<h2>Configuration keys that differ</h2>");
        var keys = RunIndex.DifferingKeys(runs);
        html.Append(keys.Count == 0 ? "<p>None.</p>" : Table(headers,
            keys.Select(k => (IEnumerable<string>)runs.Select(r => Escape(r.Config.GetValueOrDefault(k, "—"))).Prepend($"<code>{Escape(k)}</code>"))));
        html.Append("<h2>Folders</h2><ol>");
        foreach (var r in runs) html.Append($"<li>{Escape(Path.GetFullPath(r.Folder))}</li>");
        return html.Append("</ol>").ToString();
    }

    /// <summary>The rows of the side-by-side metrics table.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Metrics(IReadOnlyList<RunEntry> runs) =>
    [
        ("status", runs.Select(r => r.Status).ToList()),
        ("started", runs.Select(r => Format.Time(r.Started)).ToList()),
        ("epochs", runs.Select(r => Format.Number(r.Epochs, 10)).ToList()),
        ("final cost", runs.Select(r => Format.Number(r.FinalCost, 6)).ToList()),
        ("validation cost", runs.Select(r => Format.Number(r.ValidationCost, 6)).ToList()),
        ("accuracy", runs.Select(r => Format.Percent(r.Accuracy)).ToList()),
        ("wall time", runs.Select(r => Format.Seconds(r.WallTimeSeconds)).ToList()),
    ];
}

using System.Text;
using NnLab.Reports.Charts;
using NnLab.Reports.Data;
using static NnLab.Reports.Html.HtmlPage;

namespace NnLab.Reports.Sweeps;

/// <summary>A sweep folder's report.html: verdict, curves, final cost against the swept value, heatmap, ranked groups and trials.</summary>
internal static class SweepReport
{
    /// <summary>Rows of the ranked tables at most; the CSV files have every one.</summary>
    public const int MaxRows = 200;

    public static (string Html, IReadOnlyList<ChartFigure> Charts) Build(SweepAnalysis analysis, bool pngLinks, string? bestTrialReport,
        string? bestLeanTrial = null)
    {
        var sweep = analysis.Sweep;
        var charts = new List<ChartFigure>();
        if (sweep.Trials.Any(t => t.HasCurve)) charts.Add(SweepCharts.Curves(analysis));
        if (SweepCharts.FinalCost(analysis) is { } final) charts.Add(final);
        if (SweepCharts.Heatmap(analysis) is { } heatmap) charts.Add(heatmap);

        var body = new StringBuilder();
        int count(string s) => sweep.Trials.Count(t => t.Status == s);
        body.Append($"<header><h1>{Escape(sweep.Name)} <span class=\"muted\">sweep report</span></h1>");
        body.Append($"<p>{StatusBadge(sweep.Status)} {sweep.Trials.Count} trials: {count("completed")} completed, {count("diverged")} diverged, " +
                    $"{count("failed")} failed, {sweep.Trials.Count - count("completed") - count("diverged") - count("failed")} other. " +
                    $"Axes: {Escape(analysis.Axes.Count > 0 ? string.Join(", ", analysis.Axes) : "none")}{Seeds(sweep)}.</p></header>");
        body.Append("<h2>Verdict</h2><ul class=\"verdict\" id=\"verdict\">");
        foreach (var line in analysis.Verdict()) body.Append($"<li>{Escape(line)}</li>");
        body.Append("</ul>");
        body.Append("<p class=\"muted\">Regimes, per trial: <b>converged</b> — fell below 30 % of its initial cost (and to within 2× of the best setting's floor when that setting levelled off); " +
                    "<b>under-trained</b> — still falling at the last epoch and not there yet; <b>stuck</b> — levelled off above 30 %; " +
                    "<b>stalled</b> — final cost ≥ 0.99 × initial; <b>diverged</b> — stopped by the divergence check. A setting whose repeats disagree depends on the seed.</p>");
        if (bestTrialReport is not null)
            body.Append($"<p>The best trial: <a href=\"{Escape(bestTrialReport)}\">{Escape(bestTrialReport)}</a> " +
                        $"(<code>nnlab report {Escape(Path.Combine(sweep.Folder, bestTrialReport.Split('/')[0] + "/" + bestTrialReport.Split('/')[1]))}</code> writes its report).</p>");
        if (bestLeanTrial is not null)
            body.Append($"<p>The best trial is number {Escape(bestLeanTrial)}; sweeps keep no folder per trial (lean trials): " +
                        $"<code>nnlab sweep materialize {Escape(sweep.Folder)} {Escape(bestLeanTrial)}</code> reruns it into a full run folder, " +
                        "and <code>nnlab report</code> on that folder writes its report.</p>");
        body.Append("<h2>Charts</h2>");
        foreach (var chart in charts) body.Append(Figure(chart, pngLinks));
        body.Append(GroupTable(analysis));
        body.Append(TrialTable(analysis));
        body.Append("<h2>Files</h2><p>");
        foreach (var file in new[] { "sweep.yaml", "trials.json", "summary.csv", "costs.csv", SweepFolderData.GroupsFile, "sweep.log.jsonl" })
            if (File.Exists(Path.Combine(sweep.Folder, file))) body.Append($"<a href=\"{file}\">{file}</a> ");
        body.Append("</p><p class=\"muted\">A trial's own report: <code>nnlab report ").Append(Escape(Path.Combine(sweep.Folder, "trials", "NNN-label"))).Append("</code> writes report.html in its folder.</p>");
        return (Render("sweep", $"{sweep.Name} — NnLab sweep report", body.ToString(), ReportWriter.Version), charts);
    }

    /// <summary>How the seed varies: repeats, or the seed swept as an axis (whose trials are then repeats of their setting).</summary>
    private static string Seeds(SweepFolderData sweep) =>
        sweep.Repeats > 1 ? $"; {sweep.Repeats} repeats (seeds) each"
        : sweep.SeedsVary ? "; the seed is swept too: trials differing only in their seed are repeats of one setting"
        : "";

    private static string GroupTable(SweepAnalysis analysis)
    {
        bool validation = analysis.RanksByValidation;
        var ranked = FirstRanked.Take(analysis.Groups, MaxRows, (a, b) =>
            (double.IsNaN(a.Metric(validation)) ? 1 : 0) - (double.IsNaN(b.Metric(validation)) ? 1 : 0) is var nan and not 0
                ? nan
                : a.Metric(validation).CompareTo(b.Metric(validation)));
        var html = new StringBuilder($"<h2>Ranked by {(validation ? "mean validation cost" : "mean final cost")}, over repeats</h2>");
        var headers = new List<string> { "rank" };
        headers.AddRange(analysis.Axes.Select(a => Escape(a)));
        headers.AddRange(["trials", "mean final cost", "min – max", "final / initial"]);
        if (validation) headers.Add("mean validation cost");
        headers.AddRange(["mean accuracy", "regime", "diverged"]);
        var rows = ranked.Select((g, i) =>
        {
            var ratios = g.Completed.Select(t => t.FinalToInitial).Where(double.IsFinite).ToList();
            var row = new List<string> { "#" + (i + 1) };
            row.AddRange(g.Values.Select(v => "#" + Escape(SweepAnalysis.ShortValue(v))));
            row.Add("#" + g.Count);
            row.Add("#" + Format.Number(g.MeanFinal, 4));
            row.Add("#" + (g.Completed.Any() ? $"{Format.Number(g.MinFinal, 3)} – {Format.Number(g.MaxFinal, 3)}" : "—"));
            row.Add("#" + (ratios.Count > 0 ? Format.Number(ratios.Average(), 3) : "—"));
            if (validation) row.Add("#" + Format.Number(g.MeanValidation, 4));
            row.Add("#" + Format.Percent(g.MeanAccuracy));
            row.Add(g.HasFinished ? Escape(SweepAnalysis.Name(g.Regime)) : "—");
            row.Add("#" + g.DivergedCount);
            return (IEnumerable<string>)row;
        });
        html.Append(Table(headers, rows, "groups"));
        if (analysis.Groups.Count > MaxRows) html.Append($"<p class=\"muted\">The first {MaxRows} of {analysis.Groups.Count} settings; summary.csv has every trial.</p>");
        return html.ToString();
    }

    private static string TrialTable(SweepAnalysis analysis)
    {
        var order = new Dictionary<string, int> { ["completed"] = 0, ["diverged"] = 1, ["failed"] = 2, ["cancelled"] = 3 };
        double Cost(SweepTrial t) => double.IsNaN(t.FinalCost) ? double.MaxValue : t.FinalCost;
        var trials = analysis.Sweep.Trials;
        var shown = FirstRanked.Take(trials, MaxRows, (a, b) =>
            order.GetValueOrDefault(a.Status, 4).CompareTo(order.GetValueOrDefault(b.Status, 4)) is var status and not 0 ? status : Cost(a).CompareTo(Cost(b)));
        var html = new StringBuilder("<h2>Trials, ranked by final cost</h2>");
        var details = analysis.Sweep.Details(shown);
        var rows = shown.Select(t => (t, d: details[t.Position])).Select(x => (IEnumerable<string>)[
            "#" + x.t.Index,
            x.d.RunFolder is { } folder ? $"<a href=\"{Escape(folder)}/\">{Escape(x.d.Label)}</a>" : Escape(x.d.Label),
            StatusBadge(x.t.Status),
            "#" + Format.Number(x.t.EpochsCompleted, 10),
            "#" + Format.Number(x.t.FinalCost, 6),
            "#" + Format.Number(x.t.FinalToInitial, 3),
            "#" + Format.Percent(x.t.Accuracy),
            "#" + Format.Seconds(x.d.WallTimeSeconds),
            Escape(x.d.Reason)]);
        html.Append(Table(["trial", "label (folder)", "status", "epochs", "final cost", "final / initial", "accuracy", "time", "reason"], rows, "trials"));
        if (trials.Count > MaxRows) html.Append($"<p class=\"muted\">The first {MaxRows} of {trials.Count} trials; summary.csv has every one.</p>");
        return html.ToString();
    }
}

using System.Text;
using NnLab.Experiments;
using NnLab.Reports.Charts;
using NnLab.Reports.Data;
using NnLab.Reports.Html;
using static NnLab.Reports.Html.HtmlPage;

namespace NnLab.Reports.Runs;

/// <summary>A run folder's report.html: status and facts, learning curve, decision boundary, metrics, configuration.</summary>
internal static class RunReport
{
    /// <summary>
    /// Builds the page and its charts; <paramref name="experiment"/> (loaded or the one that ran) enables the decision
    /// boundary, computed with <paramref name="trained"/>'s weights when the model that trained is at hand.
    /// </summary>
    public static (string Html, IReadOnlyList<ChartFigure> Charts, IReadOnlyList<string> Notes) Build(RunFolderData run,
        Experiment? experiment, string? experimentProblem, bool pngLinks, IPredictsOutputs? trained = null)
    {
        var summary = run.Summary;
        var charts = new List<ChartFigure>();
        var notes = new List<string>();
        if (run.Curve is { Count: > 0 } curve)
            charts.Add(RunCharts.LearningCurve(curve, summary?.BestEpoch, $"{run.Name}: cost per epoch"));
        else notes.Add("no recorded epochs (cost.csv is missing or empty): no learning curve");
        if (experiment is not null)
        {
            try
            {
                if (DecisionBoundary.Compute(experiment, run, trained, out string? why) is { } boundary) charts.Add(RunCharts.Boundary(boundary));
                else notes.Add($"no decision boundary: {why}");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException or FormatException)
            {
                notes.Add($"no decision boundary: {e.Message}");
            }
        }
        else notes.Add($"no decision boundary: {experimentProblem ?? "the configuration could not be loaded"}");

        var body = new StringBuilder();
        body.Append($"<header><h1>{Escape(run.Name)} <span class=\"muted\">run report</span></h1>");
        body.Append($"<p>{StatusBadge(summary?.Status)} {Escape(summary?.Reason)}</p></header>\n");
        if (run.SummaryProblem is { } problem) body.Append($"<p class=\"muted\">{Escape(problem)}: the report shows what the other files hold.</p>");
        body.Append("<h2>Run</h2>").Append(Facts(FactsOf(run)));
        body.Append("<h2>Charts</h2>");
        foreach (var chart in charts) body.Append(Figure(chart, pngLinks));
        foreach (var note in notes) body.Append($"<p class=\"muted\">{Escape(note)}.</p>");
        body.Append(File.Exists(Path.Combine(run.Folder, ReportWriter.TraceFile))
            ? $"<p id=\"trace-link\">How the first update was computed, node by node — forward values, upstream × local gradients, the update: " +
              $"<a href=\"{ReportWriter.TraceFile}\">{ReportWriter.TraceFile}</a>.</p>"
            : $"<p class=\"muted\">The first update, traced node by node: <code>nnlab trace {Escape(Path.Combine(run.Folder, "config.resolved.yaml"))}</code> " +
              "(<code>nnlab report</code> on this folder writes it as trace.html and links it here).</p>");
        body.Append(RunMetrics.Html(summary));
        body.Append("<h2>Configuration</h2>");
        body.Append(run.ResolvedConfig is { } config ? $"<pre>{Escape(config)}</pre>" : "<p class=\"muted\">config.resolved.yaml is missing.</p>");
        body.Append("<h2>Files</h2><p>");
        foreach (var file in new[] { "config.yaml", "config.resolved.yaml", "cost.csv", "predictions.csv", "weights.json", "summary.json", "log.jsonl" })
            if (File.Exists(Path.Combine(run.Folder, file))) body.Append($"<a href=\"{file}\">{file}</a> ");
        body.Append("</p>");
        return (Render("run", $"{run.Name} — NnLab run report", body.ToString(), summary?.Version ?? ReportWriter.Version), charts, notes);
    }

    private static IEnumerable<(string, string)> FactsOf(RunFolderData run)
    {
        var s = run.Summary;
        yield return ("folder", Escape(Path.GetFullPath(run.Folder)));
        yield return ("status", StatusBadge(s?.Status) + (s?.Reason is { } r ? " " + Escape(r) : ""));
        yield return ("started", Escape(Format.Time(s?.Started)));
        yield return ("wall time", Escape(Format.Seconds(s?.WallTimeSeconds)));
        yield return ("epochs", Escape($"{Format.Number(s?.EpochsCompleted, 10)} of {Format.Number(s?.EpochsRequested, 10)}"));
        if (s?.BestEpoch is { } best) yield return ("best epoch", Escape($"{best:0}{(s.StoppedEarly ? " (stopped early)" : "")}"));
        yield return ("final cost", Escape(Format.Number(s?.FinalCost, 6)));
        yield return ("accuracy", Escape(Format.Percent(s?.Accuracy)));
        yield return ("seed", Escape(Format.Number(s?.Seed, 10)));
        yield return ("computation", Escape($"{s?.Precision ?? "—"}, {s?.Kernels ?? "—"} kernels, batch size {Format.Number(s?.BatchSize, 10)}"));
        yield return ("overrides", s is { Overrides.Count: > 0 } ? Escape(string.Join("  ", s.Overrides)) : "none");
        yield return ("NnLab version", Escape(s?.Version ?? "—"));
    }
}

using System.Diagnostics;
using System.Reflection;
using NnLab.Experiments;
using NnLab.Registry;
using NnLab.Reports.Charts;
using NnLab.Reports.Data;
using NnLab.Reports.Runs;
using NnLab.Reports.Sweeps;

namespace NnLab.Reports;

/// <summary>What writing a report produced.</summary>
/// <param name="HtmlPath">report.html's path.</param>
/// <param name="PngPaths">The PNG copies written beside it.</param>
/// <param name="Notes">What the report could not show and why (no decision boundary for a regression, …).</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record ReportResult(string HtmlPath, IReadOnlyList<string> PngPaths, IReadOnlyList<string> Notes, TimeSpan Elapsed);

/// <summary>Options for <see cref="ReportWriter"/>.</summary>
public sealed record ReportOptions
{
    /// <summary>Also write PNG copies of the charts (report-&lt;chart&gt;.png) beside report.html.</summary>
    public bool Png { get; init; }

    /// <summary>
    /// Also write trace.html beside a run's report (the first update traced node by node) and link it. Tracing
    /// re-runs the first update and its first use in a process costs ~17 ms, as much as the rest of the report, so the
    /// report <c>nnlab run</c> writes leaves it to <c>nnlab report DIR</c> and names the command instead.
    /// </summary>
    public bool Trace { get; init; } = true;

    /// <summary>A sweep report also writes its best trial's report (one run report, linked from the page). Off by
    /// default: a sweep's trial folders stay alike, each trial's report is written on demand.</summary>
    public bool BestTrialReport { get; init; }
}

/// <summary>
/// Writes report.html into a run or sweep folder (replacing an older one atomically), from the folder's files alone,
/// so it works for any folder, also one written before reports existed.
/// </summary>
public static class ReportWriter
{
    public const string FileName = "report.html";

    /// <summary>NnLab's version as this assembly carries it.</summary>
    public static string Version { get; } =
        typeof(ReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Whether <paramref name="folder"/> is a run folder or a sweep folder.</summary>
    public static bool IsReportable(string folder) => RunFolderData.IsRunFolder(folder) || SweepFolderData.IsSweepFolder(folder);

    /// <summary>
    /// Writes the report of the run or sweep in <paramref name="folder"/>. <paramref name="registry"/> resolves the
    /// names in config.resolved.yaml (plugins included) to rebuild the network for the decision boundary.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Not a folder.</exception>
    /// <exception cref="InvalidDataException">Neither a run nor a sweep folder.</exception>
    public static ReportResult Write(string folder, ComponentRegistry registry, ReportOptions? options = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"'{folder}' is not a folder");
        if (SweepFolderData.IsSweepFolder(folder)) return WriteSweep(folder, registry, options ?? new ReportOptions());
        if (RunFolderData.IsRunFolder(folder)) return WriteRun(folder, registry, options ?? new ReportOptions());
        throw new InvalidDataException($"'{folder}' is neither a run folder (summary.json, config.resolved.yaml) nor a sweep folder (trials.json)");
    }

    /// <summary>
    /// Writes a run folder's report. <paramref name="experiment"/>, when given, is the experiment that ran (no need to
    /// load config.resolved.yaml again); otherwise it is loaded with <paramref name="registry"/>. <paramref name="trained"/>,
    /// when given, is the model that just trained it (the runner's session): the decision boundary then takes its weights from memory
    /// instead of weights.json.
    /// </summary>
    public static ReportResult WriteRun(string folder, ComponentRegistry? registry, ReportOptions options, Experiment? experiment = null,
        IPredictsOutputs? trained = null)
    {
        var clock = Stopwatch.StartNew();
        var run = RunFolderData.Read(folder);
        string? problem = null;
        if (experiment is null && run.ResolvedConfig is { } text && registry is not null)
            (experiment, problem) = Load(folder, text, registry);
        if (options.Trace && experiment is not null) WriteTrace(folder, experiment);
        var (html, charts, notes) = RunReport.Build(run, experiment, problem, options.Png, trained);
        return Finish(folder, html, charts, notes, options, clock);
    }

    /// <summary>The page a report links to: the first update traced node by node (what <c>nnlab trace … --format html</c> prints).</summary>
    public const string TraceFile = "trace.html";

    // Tracing reruns the first update only (from the configuration: the same initial weights), so it costs a first
    // update and the tracer's start-up, not a run.
    private static void WriteTrace(string folder, Experiment experiment)
    {
        try
        {
            var trace = experiment.Trace(0, 1);
            string html = NnLab.Diagnostics.Tracing.TraceWriter.Write(trace, NnLab.Diagnostics.Tracing.TraceFormat.Html,
                new NnLab.Diagnostics.Tracing.TraceView());
            string path = Path.Combine(folder, TraceFile);
            File.WriteAllText(path + ".tmp", html);
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // A report without its trace link is still a report; the page then names the command instead.
        }
    }

    private static ReportResult WriteSweep(string folder, ComponentRegistry? registry, ReportOptions options)
    {
        var clock = Stopwatch.StartNew();
        var sweep = SweepFolderData.Read(folder);
        var analysis = SweepAnalysis.Analyse(sweep);
        string? bestLink = null;
        var notes = new List<string>();
        var best = analysis.Best?.Completed.OrderBy(t => t.FinalCost).Select(t => (SweepTrial?)t).FirstOrDefault();
        if (best is { } trial && sweep.Details([trial])[trial.Position].RunFolder is { } trialFolder && Directory.Exists(Path.Combine(folder, trialFolder)))
        {
            bestLink = trialFolder + "/";
            if (options.BestTrialReport)
            {
                WriteRun(Path.Combine(folder, trialFolder), registry, options with { Png = false });
                bestLink += FileName;
            }
        }
        // A lean trial keeps no folder: the page says how to regenerate the best one instead of linking it.
        string? bestLean = best is not null && bestLink is null ? $"{best.Value.Index}" : null;
        var (html, charts) = SweepReport.Build(analysis, options.Png, bestLink, bestLean);
        return Finish(folder, html, charts, notes, options, clock);
    }

    private static ReportResult Finish(string folder, string html, IReadOnlyList<ChartFigure> charts, IReadOnlyList<string> notes,
        ReportOptions options, Stopwatch clock)
    {
        string path = Path.Combine(folder, FileName);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, html);
        File.Move(temporary, path, overwrite: true);
        var pngs = new List<string>();
        if (options.Png)
            foreach (var chart in charts)
                if (chart.SavePng(folder))
                    pngs.Add(Path.Combine(folder, chart.PngName));
        return new ReportResult(path, pngs, notes, clock.Elapsed);
    }

    /// <summary>
    /// Loads config.resolved.yaml. A relative data.file is looked for beside the original experiment file (the
    /// checkpoint records that folder), then in the run folder.
    /// </summary>
    private static (Experiment?, string?) Load(string folder, string text, ComponentRegistry registry)
    {
        string? problem = null;
        foreach (var directory in DataDirectories(folder))
        {
            var loaded = new ExperimentLoader(registry).LoadText(text, Path.Combine(folder, RunFolderData.ResolvedConfigFile), directory);
            if (loaded.TryGetExperiment(out var experiment)) return (experiment, null);
            problem ??= "config.resolved.yaml does not load: " + string.Join("; ", loaded.Errors.Take(3).Select(e => e.ToString()));
        }
        return (null, problem);
    }

    private static IEnumerable<string> DataDirectories(string folder)
    {
        string checkpoint = Path.Combine(folder, "checkpoints", "last", "checkpoint.json");
        if (File.Exists(checkpoint))
        {
            string? directory = null;
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(checkpoint));
                if (document.RootElement.TryGetProperty("data_directory", out var d)) directory = d.GetString();
            }
            catch (System.Text.Json.JsonException) { }
            if (directory is not null && Directory.Exists(directory)) yield return directory;
        }
        yield return folder;
    }
}

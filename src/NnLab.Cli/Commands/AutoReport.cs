using NnLab.Experiments;
using NnLab.Experiments.Sweeps;
using NnLab.Reports;
using NnLab.Runner;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// Writes report.html when a run or a sweep ends, however it ended (completed, diverged, cancelled or failed: a report
/// of what there is). A report that cannot be written is a warning: it never changes the run's outcome or exit code.
/// A run's report has its charts (drawn as SVG in a few milliseconds, with the weights of the session that just
/// trained) but not trace.html, which <c>nnlab report DIR</c> adds; a sweep's report, which takes seconds anyway, is
/// drawn by ScottPlot. A sweep's trials get no report of their own here (only its best trial's, one page): large sweeps stay fast.
/// </summary>
internal static class AutoReport
{
    public static void AfterRun(RunOutcome outcome, Experiment experiment, TextWriter output) =>
        Try(output, () => ReportWriter.WriteRun(outcome.Folder.FullPath, experiment.Registry, new ReportOptions { Trace = false }, experiment,
            outcome.Session));

    /// <summary>The report of the sweep in <paramref name="folder"/>, read from its files (nothing of the run is needed in memory).</summary>
    public static void AfterSweep(string folder, NnLab.Registry.ComponentRegistry registry, TextWriter output) =>
        Try(output, () => ReportWriter.Write(folder, registry, new ReportOptions()));

    private static void Try(TextWriter output, Func<ReportResult> write)
    {
        try
        {
            var result = write();
            string relative = Path.GetRelativePath(Environment.CurrentDirectory, result.HtmlPath);
            output.WriteLine($"{"report",-11} {(relative.StartsWith("..", StringComparison.Ordinal) ? result.HtmlPath : relative)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"warning: report.html was not written: {e.Message}");
        }
    }
}

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Reports;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab report DIR... [--png]</c>: (re)writes report.html for run and sweep folders, also ones made before reports
/// existed, and a sweep's trial folders on demand. Exit 2 when a DIR is neither.
/// </summary>
internal sealed class ReportCommand(IServiceProvider services)
{
    private readonly Argument<string[]> _folders = new("DIR")
    {
        Description = "A run folder, a sweep folder, or a sweep's trial folder (trials/NNN-label).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<bool> _png = new("--png")
    {
        Description = "Also write PNG copies of the charts (report-<chart>.png) beside report.html.",
    };

    public Command Build()
    {
        var command = new Command("report", "Write report.html (charts, metrics, configuration; a sweep's verdict) for run or sweep folders.");
        command.Arguments.Add(_folders);
        command.Options.Add(_png);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        var folders = parse.GetValue(_folders)!;
        foreach (var folder in folders)
            if (!Directory.Exists(folder) || !ReportWriter.IsReportable(folder))
            {
                Console.Error.WriteLine($"error: '{folder}' is not a run folder (summary.json, config.resolved.yaml) or a sweep folder (trials.json).");
                return ExitCodes.Usage;
            }
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        var options = new ReportOptions { Png = parse.GetValue(_png) };
        foreach (var folder in folders)
        {
            var result = ReportWriter.Write(folder, registry, options);
            Console.Out.WriteLine(result.HtmlPath);
            foreach (var png in result.PngPaths) Console.Out.WriteLine(png);
            foreach (var note in result.Notes) Console.Error.WriteLine($"note: {note}");
        }
        return ExitCodes.Success;
    }
}

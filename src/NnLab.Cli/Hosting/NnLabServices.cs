using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Runner;
using NnLab.Runner.Sweeps;
using Serilog.Extensions.Logging;

namespace NnLab.Cli.Hosting;

/// <summary>
/// The objects the commands share, each made on first use and then kept for the process: the plugin catalog and
/// the runners, whose <see cref="ILogger{T}"/> write to the console logger (Serilog, the only logging provider).
/// </summary>
internal sealed class NnLabServices(IConfiguration configuration, ConsoleLogging console)
{
    private ILoggerFactory? _loggers;
    private ComponentCatalog? _catalog;
    private ExperimentRunner? _experimentRunner;
    private SweepRunner? _sweepRunner;

    public ComponentCatalog Catalog => _catalog ??= new ComponentCatalog(configuration);

    public ExperimentRunner ExperimentRunner =>
        _experimentRunner ??= new ExperimentRunner(new Logger<ExperimentRunner>(Loggers), TimeProvider.System);

    public SweepRunner SweepRunner =>
        _sweepRunner ??= new SweepRunner(new Logger<SweepRunner>(Loggers), TimeProvider.System);

    // The console logger is disposed by Program, after the commands are done with it.
    private ILoggerFactory Loggers => _loggers ??= new SerilogLoggerFactory(console.Logger, dispose: false);
}

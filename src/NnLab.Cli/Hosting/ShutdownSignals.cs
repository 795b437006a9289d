using System.Runtime.InteropServices;
using Serilog;

namespace NnLab.Cli.Hosting;

/// <summary>
/// Turns Ctrl+C (SIGINT), SIGQUIT and SIGTERM into a cancelled <see cref="Stopping"/> instead of ending the process,
/// as the generic host's console lifetime did: commands pass the token to training, which stops after the current
/// epoch so the run folder is still written. Every further signal is absorbed the same way until disposed.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _log;
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals(ILogger log)
    {
        _log = log;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Stopping => _stopping.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            _stopping.Cancel();
        }
        catch (Exception e)
        {
            // A throwing cancellation callback runs on the signal's thread: report it rather than crash the process.
            _log.Error(e, "An error occurred stopping the application");
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stopping.Dispose();
    }
}

using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace NnLab.Cli.Hosting;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM and SIGQUIT cancel <see cref="ApplicationStopping"/> instead of ending the process, as the
/// generic host's console lifetime does: a command stops its work at the next check and still writes what it completed.
/// Disposing it restores the signals' default action.
/// </summary>
internal sealed class SignalLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _started = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _stopped = new();
    private readonly PosixSignalRegistration[] _signals;

    public SignalLifetime() => _signals =
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
        PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
    ];

    public CancellationToken ApplicationStarted => _started.Token;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => _stopped.Token;

    public void StopApplication() => _stopping.Cancel();

    /// <summary>Cancels <see cref="ApplicationStarted"/>: the services are built and a command is about to run.</summary>
    public void Started() => _started.Cancel();

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
        _stopped.Cancel();
    }

    private void Stop(PosixSignalContext context)
    {
        // Handled here: the process goes on to finish the command.
        context.Cancel = true;
        StopApplication();
    }
}

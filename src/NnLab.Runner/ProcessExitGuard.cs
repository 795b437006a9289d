namespace NnLab.Runner;

/// <summary>
/// Catches the process ending under a run that has not finished: a plugin (or any code) calling
/// <c>Environment.Exit</c> mid-training runs the ProcessExit handlers before the process goes, and this one writes
/// the run's summary as <c>failed</c> with the reason and turns an exit code of 0 into 1, so neither a script nor a
/// sweep takes the run for a success. Disposed when the run finishes normally, it does nothing.
/// </summary>
internal sealed class ProcessExitGuard : IDisposable
{
    public const string Reason =
        "the process was ended (Environment.Exit) before the run finished: a component (a plugin's layer, cost, optimizer or initializer) ended it";

    private readonly Action _recordFailure;
    private int _settled;

    public ProcessExitGuard(Action recordFailure)
    {
        _recordFailure = recordFailure;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0) return;
        try
        {
            _recordFailure();
        }
        catch (Exception)
        {
            // The process is going either way; the exit code below still tells.
        }
        if (Environment.ExitCode == 0) Environment.ExitCode = 1;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _settled, 1);
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }
}

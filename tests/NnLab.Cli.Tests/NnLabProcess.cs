using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace NnLab.Cli.Tests;

/// <summary>
/// Runs the built nnlab.dll as a real process (`dotnet nnlab.dll ...`) in a chosen working directory, with
/// redirected output (so no progress bar) and no standard input, the way CI and scripts run it.
/// </summary>
internal sealed class NnLabProcess : IDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;
    public const int SigKill = 9;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _trainingStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NnLabProcess(ProcessStartInfo start)
    {
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            Append(_stderr, e.Data);
            if (e.Data?.StartsWith("Epoch ", StringComparison.Ordinal) == true) _trainingStarted.TrySetResult();
        };
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The dotnet host by its full path, so a test may give nnlab a PATH without it.</summary>
    private static string Dotnet { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";

    public static string DllPath { get; } = typeof(NnLabProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NnLabCliDll").Value!;

    /// <summary>
    /// Starts nnlab through <c>env --default-signal=INT,TERM</c>, which execs it (same process id) with those signals
    /// at their default: a test run started as a background job of a non-interactive shell inherits SIGINT ignored,
    /// Process.Start keeps it so, and nnlab, like any program, leaves an ignored SIGINT ignored (four signal tests then
    /// waited out their timeouts).
    /// </summary>
    public static NnLabProcess Start(string workingDirectory, IEnumerable<string> args,
        params (string Name, string Value)[] environment)
    {
        Assert.True(File.Exists(DllPath), $"nnlab.dll not found at {DllPath}; build src/NnLab.Cli first.");
        var start = new ProcessStartInfo("/usr/bin/env");
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add(Dotnet);
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.Environment.Remove("NnLab__ConsoleLogLevel");
        start.Environment.Remove("NNLAB_PLUGINS");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new NnLabProcess(start);
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await process.WaitAsync();
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, string[] args,
        params (string Name, string Value)[] environment)
    {
        using var process = Start(workingDirectory, args, environment);
        return await process.WaitAsync();
    }

    /// <summary>Completes when nnlab logs its first epoch.</summary>
    public Task TrainingStarted => _trainingStarted.Task.WaitAsync(Timeout);

    public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (the one nnlab records in its lock files).</summary>
    public int Id => _process.Id;

    public async Task<CliResult> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"nnlab did not exit within {Timeout.TotalSeconds} s\n{Result(-1)}");
        }
        _process.WaitForExit(); // lets the asynchronous output readers finish
        return Result(_process.ExitCode);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private CliResult Result(int exitCode)
    {
        lock (_stdout) lock (_stderr) return new CliResult(exitCode, _stdout.ToString(), _stderr.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.Append(line).Append('\n');
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

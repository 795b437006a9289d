using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace NnLab.Experiments.Tests.Data;

/// <summary>
/// Runs a script of <c>tests/reference</c> under python3 (with numpy, and scikit-learn for the scripts that use it),
/// feeding it JSON on stdin
/// and parsing the JSON it prints. The interpreter is <c>$NNLAB_PYTHON</c> when set, else the first of
/// <c>python3</c> (the PATH's) and <c>/usr/bin/python3</c> (the system one, where <c>apt-get install python3-sklearn</c>
/// puts the packages) that can import what the script imports. Without one the test fails, saying what to install: CI installs it.
/// </summary>
internal static class PythonReference
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// Runs <c>tests/reference/<paramref name="script"/></c> with <paramref name="arguments"/> and
    /// <paramref name="input"/> as JSON on stdin; returns what it prints, parsed. The candidate interpreters are tried
    /// in turn: one that is missing or cannot import what the script imports is passed over.
    /// </summary>
    public static JsonDocument Run(string script, object input, params string[] arguments)
    {
        string path = Path.Combine(RepositoryRoot, "tests", "reference", script);
        string stdin = JsonSerializer.Serialize(input);
        var tried = new List<string>();
        foreach (string candidate in Candidates())
        {
            var result = Start(candidate, [path, .. arguments], stdin);
            if (result is null) { tried.Add($"{candidate}: not found"); continue; }
            var (exitCode, stdout, stderr) = result.Value;
            if (exitCode == 0)
                return JsonDocument.Parse(stdout);
            // 127: a shell or pyenv shim that found no such command.
            if (exitCode != 127 && !stderr.Contains("ModuleNotFoundError") && !stderr.Contains("ImportError"))
                throw new InvalidOperationException($"{candidate} {script} exited with {exitCode}:\n{stderr}");
            tried.Add($"{candidate}: {stderr.Trim().Split('\n')[^1]}");
        }
        throw new InvalidOperationException(
            "These tests compare with scikit-learn and numpy run by python3, and found no python3 that has them (" +
            string.Join("; ", tried) + "). Install python3-sklearn (Debian/Ubuntu: sudo apt-get install python3-sklearn; " +
            "elsewhere: python3 -m pip install scikit-learn), or set NNLAB_PYTHON to a python that has it.");
    }

    private static string[] Candidates()
    {
        string? configured = Environment.GetEnvironmentVariable("NNLAB_PYTHON");
        return string.IsNullOrWhiteSpace(configured) ? ["python3", "/usr/bin/python3"] : [configured];
    }

    private static (int ExitCode, string Stdout, string Stderr)? Start(string fileName, string[] arguments, string input)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException(fileName + " did not start");
        }
        catch (Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.Result);
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NnLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NnLab.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace NnLab.Cli.Tests;

/// <summary>What one nnlab process did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value printed after a summary label, e.g. "status" → "completed".</summary>
    public string SummaryValue(string label) =>
        StdoutLines.Single(l => l.StartsWith(label + " ", StringComparison.Ordinal))[label.Length..].Trim();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

using Spectre.Console;

namespace NnLab.Cli.Progress;

/// <summary>The terminal the live displays draw on: stderr, where the log goes, so stdout keeps only results.</summary>
internal static class StderrTerminal
{
    /// <summary>A console on stderr when stderr is a terminal; null when it is redirected (plain log lines then).</summary>
    public static IAnsiConsole? CreateOrNull() =>
        Console.IsErrorRedirected
            ? null
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}

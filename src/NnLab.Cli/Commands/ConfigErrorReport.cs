using NnLab.Experiments;

namespace NnLab.Cli.Commands;

/// <summary>Prints every configuration error, one per line, so editors and people can jump to file:line:col.</summary>
internal static class ConfigErrorReport
{
    public static int Print(IReadOnlyList<ConfigError> errors, TextWriter output)
    {
        foreach (var error in errors) output.WriteLine($"error: {error}");
        output.WriteLine($"{errors.Count} error(s); nothing was run.");
        return ExitCodes.Usage;
    }
}

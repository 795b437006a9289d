namespace NnLab.Cli.Hosting;

/// <summary>
/// Splits the command line: <c>--Section:Key=value</c> arguments (a colon before the equals sign) are host
/// configuration, as in appsettings.json (e.g. <c>--NnLab:ConsoleLogLevel=Warning</c>); the rest are nnlab's commands
/// and options, which never contain that shape.
/// </summary>
internal static class ConfigurationArguments
{
    public static (string[] Configuration, string[] Command) Split(string[] args)
    {
        var configuration = args.Where(IsConfiguration).ToArray();
        return (configuration, args.Where(a => !IsConfiguration(a)).ToArray());
    }

    private static bool IsConfiguration(string argument)
    {
        if (!argument.StartsWith("--", StringComparison.Ordinal)) return false;
        int equals = argument.IndexOf('=');
        int colon = argument.IndexOf(':');
        return equals > 0 && colon > 2 && colon < equals;
    }
}

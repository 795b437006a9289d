using Microsoft.Extensions.Configuration;

namespace NnLab.Cli.Hosting;

/// <summary>
/// nnlab's settings, from the same sources, in the same order (later wins), as the generic host's default builder
/// gave them: DOTNET_-prefixed environment variables, appsettings.json and appsettings.{environment}.json beside
/// nnlab.dll (the environment is DOTNET_ENVIRONMENT, else Production), all environment variables, then the
/// <c>--Section:Key=value</c> arguments. Built directly rather than through the host: the host's logging, DI and
/// file-watching set-up cost a large share of a short run's start-up and nnlab used none of them.
/// </summary>
internal static class NnLabConfiguration
{
    public static IConfigurationRoot Build(string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables(prefix: "DOTNET_");
        string environment = configuration["environment"] is { Length: > 0 } name ? name : "Production";
        // appsettings.json ships beside nnlab.dll; the user's current directory holds experiments, not settings.
        // A one-shot command reads its settings once, so the files are not watched for changes.
        configuration.SetBasePath(AppContext.BaseDirectory);
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        configuration.AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        return configuration;
    }
}

namespace NnLab.Plugins;

/// <summary>Assemblies a plugin must take from the host, so that the types it exchanges with NnLab unify.</summary>
public static class SharedAssemblies
{
    public const string Contracts = "NnLab.Abstractions";

    private static readonly string[] Names = [Contracts, "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions"];

    public static bool IsShared(string? assemblyName) => assemblyName is not null && Names.Contains(assemblyName);
}

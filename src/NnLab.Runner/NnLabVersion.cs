using System.Reflection;

namespace NnLab.Runner;

/// <summary>The version recorded in every summary: the informational version, which carries the commit when built from git.</summary>
public static class NnLabVersion
{
    public static string Current { get; } =
        typeof(NnLabVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(NnLabVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}

namespace NnLab.Experiments.Loading;

/// <summary>
/// The data, and the <c>data</c> section as config.resolved.yaml writes it (one line each, indented under
/// <c>data:</c>): files by full path, generator options and split seeds resolved, so the saved file reruns anywhere.
/// </summary>
internal sealed record LoadedData(ExperimentData Data, IReadOnlyList<string> ResolvedLines);

namespace NnLab.Experiments.Loading;

/// <summary>The data and where it came from: inline (<see cref="CsvFile"/> null) or a CSV file, as written in the YAML.</summary>
internal sealed record LoadedData(ExperimentData Data, string? CsvFile);

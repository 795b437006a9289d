using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Collects every problem found while loading, so the user sees them all at once, in file order.</summary>
internal sealed class ErrorCollector
{
    private readonly List<(ConfigError Error, SourceLocation Location)> _errors = [];
    private readonly HashSet<ConfigError> _seen = [];
    private int _reports;

    public ErrorCollector(NodeLocations locations) => Locations = locations;

    public NodeLocations Locations { get; }

    /// <summary>The bounds this load reads within (every parse, the CSV files, the model's size).</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>The data sources this load has read: trials of a sweep that read the same source share its rows.</summary>
    public SourceCache Sources { get; } = new();

    /// <summary>Stops the load (an OperationCanceledException) on Ctrl+C; checked while parsing, reading data and expanding sweeps.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// How many problems were reported, repeats included. Readers compare it before and after reading a part to
    /// learn whether that part failed, so a repeat (the same bad value in a second sweep trial, or a YAML alias)
    /// must count even though it is listed once.
    /// </summary>
    public int Count => _reports;
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Reports a problem with <paramref name="node"/>; <paramref name="path"/> is its dotted key path.</summary>
    public void At(YamlNode node, string path, string message) => At(Locations.Of(node), path, message);

    public void At(SourceLocation location, string path, string message)
    {
        _reports++;
        var error = new ConfigError(location.File, location.Line, location.Column, path, message);
        // One node can be reached twice (a YAML alias); report each problem once.
        if (_seen.Add(error)) _errors.Add((error, location));
    }

    /// <summary>The errors sorted by file (experiment file, data files, --set) then line and column; ties keep discovery order.</summary>
    public IReadOnlyList<ConfigError> Sorted() =>
        _errors.OrderBy(e => e.Location.Rank)
            .ThenBy(e => e.Location.Order)
            .ThenBy(e => e.Location.File, StringComparer.Ordinal)
            .ThenBy(e => e.Location.Line)
            .ThenBy(e => e.Location.Column)
            .Select(e => e.Error)
            .ToList();
}

using System.Text.Json;

namespace NnLab.Reports.Data;

/// <summary>
/// A run folder's files as a report reads them: summary.json, cost.csv, config.resolved.yaml and weights.json. Any
/// of them may be missing (a run that failed early, a folder made by an older version): a report shows what there is.
/// </summary>
internal sealed class RunFolderData
{
    public const string SummaryFile = "summary.json";
    public const string CostFile = "cost.csv";
    public const string ResolvedConfigFile = "config.resolved.yaml";
    public const string WeightsFile = "weights.json";

    public required string Folder { get; init; }
    public RunSummaryData? Summary { get; init; }
    public Curve? Curve { get; init; }
    public string? ResolvedConfig { get; init; }

    /// <summary>Why summary.json could not be read, when it could not.</summary>
    public string? SummaryProblem { get; init; }

    public string Name => Summary?.Name ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Folder).TrimEnd('/'))) ?? "run";

    public static bool IsRunFolder(string folder) =>
        File.Exists(Path.Combine(folder, SummaryFile)) || File.Exists(Path.Combine(folder, ResolvedConfigFile));

    public static RunFolderData Read(string folder)
    {
        RunSummaryData? summary = null;
        string? problem = null;
        string summaryPath = Path.Combine(folder, SummaryFile);
        if (File.Exists(summaryPath))
        {
            try { summary = RunSummaryData.Parse(File.ReadAllText(summaryPath)); }
            catch (JsonException e) { problem = $"summary.json is not valid JSON ({e.Message})"; }
        }
        else problem = "no summary.json";
        string configPath = Path.Combine(folder, ResolvedConfigFile);
        return new RunFolderData
        {
            Folder = folder,
            Summary = summary,
            SummaryProblem = problem,
            Curve = Curve.Read(Path.Combine(folder, CostFile)),
            ResolvedConfig = File.Exists(configPath) ? File.ReadAllText(configPath) : null,
        };
    }

    /// <summary>
    /// weights.json's final parameters: for each layer index, parameter name → rows. Null when the file is missing or
    /// unreadable.
    /// </summary>
    public IReadOnlyDictionary<int, Dictionary<string, double[][]>>? ReadFinalWeights()
    {
        string path = Path.Combine(Folder, WeightsFile);
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var layers = new Dictionary<int, Dictionary<string, double[][]>>();
            foreach (var layer in document.RootElement.GetProperty("layers").EnumerateArray())
            {
                var parameters = new Dictionary<string, double[][]>();
                foreach (var p in layer.GetProperty("final").EnumerateObject())
                    parameters[p.Name] = p.Value.EnumerateArray().Select(row => row.EnumerateArray().Select(Value).ToArray()).ToArray();
                layers[layer.GetProperty("index").GetInt32()] = parameters;
            }
            return layers;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // weights.json writes round-trip numbers; non-finite values (a diverged run) may appear as strings.
    private static double Value(JsonElement v) => v.ValueKind == JsonValueKind.Number
        ? v.GetDouble()
        : double.TryParse(v.ToString(), System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : double.NaN;
}
